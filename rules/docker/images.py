"""Dockerfiles: what the image is built from and who it runs as.

Base images are judged like Kubernetes images (scanner/kubernetes/images): `:latest`, no tag and
branch-like tags are the rule's medium, a versioned release tag low, digests silent. A stage
built `FROM` an earlier stage, `scratch`, and an `ARG` with no default in the file (its value
comes from `--build-arg`: unknown) are not images to pin. Literal secrets in `ENV`, `ARG` and
`RUN` are the secrets rules' (one detector; the finding names the instruction).
"""

from __future__ import annotations

from collections.abc import Iterable

from scanner.context import ScanContext
from scanner.docker import context as build
from scanner.docker.dockerfile import from_data
from scanner.documents import Document
from scanner.findings import Hit
from scanner.kubernetes import images

_HOW = {
    "latest": "the mutable tag :latest",
    "untagged": "no tag (docker pulls :latest)",
    "mutable": "the mutable tag :{tag}",
    "versioned": "the release tag :{tag} only",
}
VERSIONED_REASON = (
    "a versioned release tag names one release; a registry can still re-push it, but it does not "
    "move by design as :latest or a branch tag does"
)


class BaseImageNotPinned(build.DockerRule):
    id = "MLC-DOCKER-IMAGE-001"
    title = "Dockerfile base image not pinned by digest"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = ("MAP 4.2", "MEASURE 2.7", "GOVERN 6.1")
    atlas = ("AML.T0010.004",)
    description = (
        "A `FROM` instruction names its base image by tag (`:latest`, a branch-like tag or no tag: "
        "medium; a versioned release tag such as `python:3.11-slim`: low). The tag can be re-pushed, "
        "so the same Dockerfile builds a different training or serving image tomorrow, with "
        "packages nobody reviewed. Stages built from an earlier stage, `scratch`, and bases given "
        "only by a `--build-arg` without a default are not judged."
    )
    remediation = (
        "Pin the base by digest, keeping the tag for readability: "
        "`FROM python:3.11-slim@sha256:<64 hex>`; let Dependabot or Renovate update the digest."
    )
    references = (
        "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
        "https://docs.docker.com/reference/dockerfile/#from",
    )
    checkov_ids = ("CKV_DOCKER_7",)

    def find(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        df = from_data(doc.data)
        for stage in df.stages:
            base = build.base_of(df, stage)
            if base.how != "image" or base.image is None:
                continue
            pin = images.pinning(base.image)
            if pin.how in ("digest", "placeholder"):
                continue
            shown = base.image if base.image == stage.base else f"{stage.base} = {base.image}"
            message = (
                f"stage {stage.label}: base image {shown!r} is referenced by "
                f"{_HOW[pin.how].format(tag=pin.tag)}, not by digest"
            )
            if pin.how == "versioned":
                yield Hit(message, line=stage.line, severity="low", severity_reason=VERSIONED_REASON)
            else:
                yield Hit(message, line=stage.line)


class RunsAsRoot(build.DockerRule):
    id = "MLC-DOCKER-USER-001"
    title = "Image runs as root"
    severity = "medium"
    category = "iam"
    nist_ai_rmf = ("MEASURE 2.7", "MANAGE 4.1")
    atlas = ("AML.T0105",)
    description = (
        "The final stage of a Dockerfile (the image `docker build` produces) has no `USER`, or its "
        "last `USER` is `root`/`0`, so the training job or model server runs as root. Code that "
        "runs in it (a pickled model, a `trust_remote_code` model, a dependency) gets root in the "
        "container and a shorter way out of it. A `USER` in an earlier stage the final one builds "
        "on counts; a base named only by a `--build-arg`, `USER $VAR`, and base images that set a "
        "non-root user themselves (`:nonroot` tags, Jupyter docker-stacks) are not judged."
    )
    remediation = (
        "Create an unprivileged user and switch to it at the end of the final stage: "
        "`RUN useradd --uid 10001 app` then `USER 10001`; keep root only for the build steps "
        "that need it (package installs), before the `USER` line."
    )
    references = ("https://docs.docker.com/build/building/best-practices/#user",)
    checkov_ids = ("CKV_DOCKER_3", "CKV_DOCKER_8")

    def find(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        df = from_data(doc.data)
        how, line = build.final_user(df)
        if how != "root":
            return
        final = df.stages[-1]
        if line is None:
            yield Hit(f"final stage {final.label} sets no USER: the image runs as root", line=final.line)
        else:
            yield Hit(f"final stage {final.label} switches to root with its last USER", line=line)


RULES = [BaseImageNotPinned, RunsAsRoot]

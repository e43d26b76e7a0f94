"""What `docker build` sends and runs: the final stage, the base image a stage resolves to, the
user it ends as, and the data and model files its build context holds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from scanner.context import ScanContext
from scanner.docker import dockerignore
from scanner.docker.dockerfile import Dockerfile, Stage
from scanner.documents import Document
from scanner.findings import Hit
from scanner.kubernetes import images
from scanner.pyrules import PythonRule
from scanner.walk import FileEntry, Listing

SCRATCH = "scratch"


@dataclass(frozen=True)
class Base:
    how: str  # image | stage | scratch | unknown (an ARG with no default here)
    image: str | None = None  # the resolved reference, when `how` is image


def base_of(df: Dockerfile, stage: Stage) -> Base:
    resolved = df.resolve(stage.base)
    if resolved is None or not resolved.strip():
        return Base("unknown")
    if resolved.lower() == SCRATCH:
        return Base("scratch")
    if df.stage_named(resolved, stage.index) is not None:
        return Base("stage")
    return Base("image", resolved)


_ROOT_USERS = frozenset({"root", "0"})
# Base images known to set a non-root user themselves (their Dockerfile ends with USER: distroless
# `:nonroot`, Jupyter docker-stacks `jovyan`, Airflow `airflow`, Astro Runtime `astro`, Bitnami
# 1001, TorchServe `model-server`, Azure ML inference images `dockeruser`), and AWS Lambda bases,
# which Lambda runs as its own unprivileged user whatever USER says.
_NONROOT_IMAGES = re.compile(
    r"nonroot|jupyter/|apache/airflow|astronomer/astro-runtime|bitnami/|pytorch/torchserve"
    r"|^mcr\.microsoft\.com/azureml/[^:@]*inference|^public\.ecr\.aws/lambda/|amazon/aws-lambda-"
)


def final_user(df: Dockerfile) -> tuple[str, int | None]:
    """How the last stage runs: ("root", line of USER or None when no USER), ("user", line),
    ("unknown", line) for `USER $VAR`, or ("base", None) when a known non-root base decides."""
    stage: Stage | None = df.stages[-1]
    while stage is not None:
        users = [i for i in stage.instructions if i.keyword == "USER"]
        if users:
            last = users[-1]
            name = last.value.split(":", 1)[0].strip()
            if "$" in name:
                return "unknown", last.line
            return ("root" if name.lower() in _ROOT_USERS else "user"), last.line
        base = base_of(df, stage)
        if base.how == "stage":
            stage = df.stage_named(df.resolve(stage.base) or "", stage.index)
            continue
        if base.how == "unknown" or _NONROOT_IMAGES.search(base.image or ""):
            return "base", None
        return "root", None
    return "root", None


# What a serving image should not carry: datasets and trained weights. By suffix anywhere in the
# context, so a `models/` package of Python code is not counted.
DATA_SUFFIXES = frozenset(
    {".csv", ".tsv", ".parquet", ".feather", ".arrow", ".avro", ".orc", ".jsonl", ".xlsx", ".xls"}
    | {".pkl", ".pickle", ".joblib", ".pt", ".pth", ".ckpt", ".safetensors", ".h5", ".hdf5", ".keras"}
    | {".onnx", ".tflite", ".pb", ".npy", ".npz", ".gguf", ".ggml", ".mar", ".msgpack"}
)


@dataclass(frozen=True)
class ContextIndex:
    """The listing as the build-context rules read it, built in one pass per scan (a scan with
    hundreds of Dockerfiles would otherwise walk the whole listing once per Dockerfile)."""

    entries: dict[str, FileEntry]  # rel -> entry, for the ignore files
    data_under: dict[str, list[str]]  # folder ("" for the root) -> data files beneath it, sorted

    @classmethod
    def of(cls, listing: Listing) -> ContextIndex:
        entries: dict[str, FileEntry] = {}
        data_under: dict[str, list[str]] = {}
        for entry in listing.files:
            entries[entry.rel] = entry
            if PurePosixPath(entry.rel).suffix.lower() in DATA_SUFFIXES:
                parts = entry.rel.split("/")[:-1]
                for depth in range(len(parts) + 1):
                    data_under.setdefault("/".join(parts[:depth]), []).append(entry.rel)
        return cls(entries, {folder: sorted(rels) for folder, rels in data_under.items()})


def context_index(ctx: ScanContext) -> ContextIndex:
    """The scan's ContextIndex, built on first use."""
    return ctx.memo("docker.context-index", lambda: ContextIndex.of(ctx.listing))


def ignore_patterns(index: ContextIndex, dockerfile_rel: str, context: str) -> list[dockerignore.Pattern]:
    """The ignore file BuildKit uses: `<Dockerfile>.dockerignore` beside it, else the context's."""
    for rel in (f"{dockerfile_rel}.dockerignore", f"{context}/.dockerignore" if context else ".dockerignore"):
        entry = index.entries.get(rel)
        if entry is None:
            continue
        try:
            with entry.open() as fh:  # the guarded open: a link swapped in is refused
                return dockerignore.parse(fh.read(1 << 20).decode("utf-8", "replace"))
        except OSError:
            return []  # unreadable: judged as absent (nothing excluded), as docker would fail
    return []


def shipped_data(index: ContextIndex, dockerfile_rel: str) -> list[str]:
    """Data and model files in the Dockerfile's directory (the usual build context) that its
    ignore file does not exclude, as paths relative to the scan root, sorted."""
    context = PurePosixPath(dockerfile_rel).parent.as_posix()
    folder = "" if context == "." else context
    prefix = folder + "/" if folder else ""
    patterns = ignore_patterns(index, dockerfile_rel, folder)
    return [rel for rel in index.data_under.get(folder, ()) if not dockerignore.excluded(patterns, rel[len(prefix) :])]


TEST_REASON = "a test suite's Dockerfile: CI builds it to run tests, it is not shipped"
DEVCONTAINER_REASON = "a dev container's Dockerfile: it builds a developer's editor environment, it is not deployed"


def lower_reason(path: str) -> str | None:
    """Why the findings of this Dockerfile are low (test suites and dev containers are built but
    never shipped), or None."""
    if images.in_tests(path):
        return TEST_REASON
    if ".devcontainer" in PurePosixPath(path).parts[:-1]:
        return DEVCONTAINER_REASON
    return None


class DockerRule(PythonRule):
    """A Dockerfile rule: `find` yields its hits; those of a test suite's Dockerfile (`tests/`,
    `e2e/`, `testdata/`...) or a dev container's are low, with the reason, as for Kubernetes
    manifests."""

    input_kinds = ("dockerfile",)

    def find(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        raise NotImplementedError

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if not doc.data["stages"]:
            return  # an empty placeholder: nothing is built
        reason = lower_reason(doc.path)
        for hit in self.find(doc, ctx):
            yield replace(hit, severity="low", severity_reason=reason) if reason and hit.severity is None else hit

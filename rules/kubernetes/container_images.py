"""Container images in Kubernetes, Kubeflow, Argo and Spark manifests should be pinned by digest.

One rule id, two severities: `:latest`, no tag and other moving tags (`alpine`, `main`) are the
rule's medium; a versioned release tag (`katib-controller:v0.17.0`) is low, with the reason in
the finding. The remediation and the risk are the same (a tag can be re-pushed), only how likely
the image changes under you differs, so one id keeps users' suppressions and baselines whole.
Digest pins are silent; placeholders a script fills in (`<project>`, `IMAGE`, `${REG}`,
`{{ .Values.image }}`) are not images yet and are skipped. A Helm chart's images are checked in
its rendered manifests; when helm did not render it, in its `values.yaml`. An image that
kustomizations rewrite (`images: [{name, newTag, digest}]`) is judged as built, by the best
pinned of the builds that include the manifest (kubernetes/kustomize). A test suite's manifests
(`test/`, `tests/`, `testdata/`, `e2e/`) are low, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable

from scanner.context import ScanContext
from scanner.documents import Document, Pointer
from scanner.findings import Hit
from scanner.helm import values as helm_values
from scanner.kubernetes import images, kustomize
from scanner.kubernetes import manifests as k8s
from scanner.pyrules import PythonRule

_HOW = {
    "latest": "the mutable tag :latest",
    "untagged": "no tag (the runtime pulls :latest)",
    "mutable": "the mutable tag :{tag}",
    "versioned": "the release tag :{tag} only",
}
TEST_REASON = "a test suite's manifest: CI builds and loads its images, it deploys nothing"
VERSIONED_REASON = (
    "a versioned release tag names one release; a registry can still re-push it, but it does not "
    "move by design as :latest or a branch tag does"
)


class ImageNotPinnedByDigest(PythonRule):
    id = "MLC-K8S-IMAGE-001"
    title = "Container image not pinned by digest"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = ("MAP 4.2", "MEASURE 2.7", "GOVERN 6.1")
    atlas = ("AML.T0010.004",)
    description = (
        "A Kubernetes, Kubeflow, Argo or Spark manifest runs a container image by tag (`:latest`, "
        "a branch-like tag, or no tag at all: medium; a versioned release tag: low). Tags move: the "
        "training or serving code that runs tomorrow may not be the code that was reviewed and "
        "evaluated today."
    )
    remediation = (
        "Reference the image by digest, e.g. `registry/trainer@sha256:<64 hex>` (a tag may stay "
        "in front of the digest for readability)."
    )
    input_kinds = ("yaml",)
    references = ("https://kubernetes.io/docs/concepts/containers/images/#image-names",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        lower = TEST_REASON if images.in_tests(doc.path) else None
        if k8s.is_manifest(doc.data):
            builds = ctx.memo("kustomize", lambda: kustomize.index(ctx.documents))
            for image, pointer in k8s.images(doc.data):
                if isinstance(image, str):
                    yield from _judge(image, *_as_built(image, builds.resolve(doc.path, image)), pointer, lower)
            return
        chart = helm_values.chart_of_values(ctx.root, doc)
        if chart is not None and not helm_values.was_rendered(chart, ctx.documents):
            for image, pointer in helm_values.images(doc.data):
                yield from _judge(image, image, " (Helm values; the chart was not rendered)", pointer, lower)


_ORDER = {"placeholder": 0, "digest": 1, "versioned": 2, "mutable": 3, "latest": 3, "untagged": 3}


def _as_built(image: str, builds: list[kustomize.Resolved]) -> tuple[str, str]:
    """The image the best pinned kustomize build runs, and how the message says so (naming the
    least pinned build too when it runs something else, e.g. a dev overlay tracking `master`).
    The best one decides: a tree that ships a pinned release keeps dev overlays by design."""
    if not builds:
        return image, ""
    ranked = sorted(builds, key=lambda b: (_ORDER[images.pinning(b.image).how], b.image, b.chain))
    best, worst = ranked[0], ranked[-1]
    where = "" if best.image == image else f" (built as {best.image!r} by {best.chain[-1]})"
    if images.pinning(worst.image).how != images.pinning(best.image).how:
        where += f" (and as {worst.image!r} by {worst.chain[-1]})"
    return best.image, where


def _judge(written: str, deployed: str, where: str, pointer: Pointer, lower: str | None) -> Iterable[Hit]:
    pin = images.pinning(deployed)
    if pin.how in ("digest", "placeholder"):
        return
    message = f"image {written!r}{where} is referenced by {_HOW[pin.how].format(tag=pin.tag)}, not by digest"
    reason = VERSIONED_REASON if pin.how == "versioned" else lower
    if reason is not None:
        yield Hit(message, pointer=pointer, severity="low", severity_reason=reason)
    else:
        yield Hit(message, pointer=pointer)


RULES = [ImageNotPinnedByDigest]

"""Container images in Kubernetes, Kubeflow, Argo and Spark manifests should be pinned by digest.

One rule id, two severities: `:latest`, no tag and other moving tags (`alpine`, `main`) are the
rule's medium; a versioned release tag (`katib-controller:v0.17.0`) is low, with the reason in
the finding. The remediation and the risk are the same (a tag can be re-pushed), only how likely
the image changes under you differs, so one id keeps users' suppressions and baselines whole.
Digest pins are silent; placeholders a script fills in (`<project>`, `IMAGE`, `${REG}`,
`{{ .Values.image }}`) are not images yet and are skipped. A Helm chart's images are checked in
its rendered manifests; when helm did not render it, in its `values.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterable

from scanner.context import ScanContext
from scanner.documents import Document, Pointer
from scanner.findings import Hit
from scanner.helm import values as helm_values
from scanner.kubernetes import images
from scanner.kubernetes import manifests as k8s
from scanner.pyrules import PythonRule

_HOW = {
    "latest": "the mutable tag :latest",
    "untagged": "no tag (the runtime pulls :latest)",
    "mutable": "the mutable tag :{tag}",
    "versioned": "the release tag :{tag} only",
}
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
        if k8s.is_manifest(doc.data):
            yield from _hits(k8s.images(doc.data), "")
            return
        chart = helm_values.chart_of_values(ctx.root, doc)
        if chart is not None and not helm_values.was_rendered(chart, ctx.documents):
            yield from _hits(helm_values.images(doc.data), " (Helm values; the chart was not rendered)")


def _hits(found: Iterable[tuple[object, Pointer]], where: str) -> Iterable[Hit]:
    for image, pointer in found:
        if not isinstance(image, str):
            continue
        pin = images.pinning(image)
        if pin.how in ("digest", "placeholder"):
            continue
        message = f"image {image!r}{where} is referenced by {_HOW[pin.how].format(tag=pin.tag)}, not by digest"
        if pin.how == "versioned":
            yield Hit(message, pointer=pointer, severity="low", severity_reason=VERSIONED_REASON)
        else:
            yield Hit(message, pointer=pointer)


RULES = [ImageNotPinnedByDigest]

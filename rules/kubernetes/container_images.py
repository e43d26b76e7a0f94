"""Container images in Kubernetes, Kubeflow and Argo manifests must be pinned by digest."""

from __future__ import annotations

import re
from collections.abc import Iterable

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.kubernetes import manifests as k8s
from scanner.pyrules import PythonRule

_DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")
# Values filled in at submit time: Argo/Helm templates, env substitution.
_TEMPLATED = re.compile(r"\{\{.*\}\}|\$\(|\$\{")


class ImageNotPinnedByDigest(PythonRule):
    id = "MLC-K8S-IMAGE-001"
    title = "Container image not pinned by digest"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = ("MAP 4.2", "MEASURE 2.7", "GOVERN 6.1")
    description = (
        "A Kubernetes, Kubeflow or Argo manifest runs a container image by tag (or `:latest`, or no "
        "tag at all). Tags move: the training or serving code that runs tomorrow may not be the "
        "code that was reviewed and evaluated today."
    )
    remediation = (
        "Reference the image by digest, e.g. `registry/trainer@sha256:<64 hex>` (a tag may stay "
        "in front of the digest for readability)."
    )
    input_kinds = ("yaml",)
    references = ("https://kubernetes.io/docs/concepts/containers/images/#image-names",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if not k8s.is_manifest(doc.data):
            return
        for container, at in k8s.containers(doc.data):
            image, pointer = container.get("image"), (*at, "image")
            if not isinstance(image, str) or _DIGEST.search(image) or _TEMPLATED.search(image):
                continue
            tag = image.rsplit("/", 1)[-1]
            how = "the mutable tag :latest" if tag.endswith(":latest") or ":" not in tag else "a tag only"
            yield Hit(f"image {image!r} is referenced by {how}, not by digest", pointer=pointer)


RULES = [ImageNotPinnedByDigest]

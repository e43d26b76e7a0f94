"""Container images in Kubernetes, Kubeflow and Argo manifests must be pinned by digest."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from scanner.context import ScanContext
from scanner.documents import Document, Pointer
from scanner.findings import Hit
from scanner.pyrules import PythonRule

_CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers")
_ARGO_SINGLE = ("container", "script")  # Argo Workflows template fields
_DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")
# Values filled in at submit time: Argo/Helm templates, env substitution.
_TEMPLATED = re.compile(r"\{\{.*\}\}|\$\(|\$\{")


def _images(node: Any, pointer: Pointer) -> Iterator[tuple[str, Pointer]]:
    if isinstance(node, dict):
        for key, value in node.items():
            here = (*pointer, key)
            if key in _CONTAINER_LISTS and isinstance(value, list):
                for i, c in enumerate(value):
                    if isinstance(c, dict) and isinstance(c.get("image"), str):
                        yield c["image"], (*here, i, "image")
            elif key in _ARGO_SINGLE and isinstance(value, dict) and isinstance(value.get("image"), str):
                yield value["image"], (*here, "image")
            yield from _images(value, here)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _images(item, (*pointer, i))


def is_manifest(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("apiVersion"), str) and isinstance(data.get("kind"), str)


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
        if not is_manifest(doc.data):
            return
        seen: set[Pointer] = set()
        for image, pointer in _images(doc.data, ()):
            if pointer in seen or _DIGEST.search(image) or _TEMPLATED.search(image):
                continue
            seen.add(pointer)
            tag = image.rsplit("/", 1)[-1]
            how = "the mutable tag :latest" if tag.endswith(":latest") or ":" not in tag else "a tag only"
            yield Hit(f"image {image!r} is referenced by {how}, not by digest", pointer=pointer)


RULES = [ImageNotPinnedByDigest]

"""Kustomize image transforms: the image a base manifest really runs once its overlays are built.

A kustomize base often names an image without a tag (`ghcr.io/kubeflow/kubeflow/jupyter-web-app`)
and leaves the tag to an `images:` entry of the kustomization that includes it, or of an overlay
above that one. Judging the base file alone reports a pinned image as `:latest`. This module reads
every kustomization in the scan (never following `resources:` out of the scan root, never
fetching remote bases), finds the chains of kustomizations that include a file, and applies their
`images:` transforms innermost first, the way `kustomize build` does.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from scanner.documents import Document
from scanner.kubernetes import KUSTOMIZATION_NAMES

# Fields whose entries name files or folders the kustomization builds from.
_INCLUDES = ("resources", "bases", "components", "patches", "patchesStrategicMerge")
_MAX_CHAINS = 64  # per file: enough for real trees, bounded against a crafted lattice
_MAX_DEPTH = 32


@dataclass(frozen=True)
class ImageTransform:
    name: str
    new_name: str | None = None
    new_tag: str | None = None
    digest: str | None = None


@dataclass
class Kustomization:
    folder: str  # scan-relative folder of the kustomization file
    path: str
    includes: list[str] = field(default_factory=list)  # scan-relative files and folders
    images: dict[str, ImageTransform] = field(default_factory=dict)


@dataclass(frozen=True)
class Resolved:
    """The image one build runs, and the kustomizations (innermost first) of that build."""

    image: str
    chain: tuple[str, ...]


def split_image(image: str) -> tuple[str, str | None, str | None]:
    """(name, tag, digest) of an image reference; a registry port is not a tag."""
    name, _, digest = image.partition("@")
    slash = name.rfind("/")
    colon = name.rfind(":")
    tag = None
    if colon > slash:
        name, tag = name[:colon], name[colon + 1 :]
    return name, tag, digest or None


def join_image(name: str, tag: str | None, digest: str | None) -> str:
    out = name + (f":{tag}" if tag else "")
    return out + (f"@{digest}" if digest else "")


def _entries(value: Any) -> Iterable[str]:
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                yield item
            elif isinstance(item, dict) and isinstance(item.get("path"), str):
                yield item["path"]


def _inside(folder: str, ref: str) -> str | None:
    """The scan-relative path `ref` names from `folder`, or None for URLs and paths leaving the root."""
    if "://" in ref or ref.startswith(("/", "github.com/", "git@")) or "?ref=" in ref:
        return None
    joined = posixpath.normpath(posixpath.join(folder, ref))
    if joined == ".." or joined.startswith("../"):
        return None
    return "" if joined == "." else joined


def _parse(doc: Document) -> Kustomization | None:
    data = doc.data
    if not isinstance(data, Mapping):
        return None
    folder = posixpath.dirname(doc.path)
    k = Kustomization(folder=folder, path=doc.path)
    for key in _INCLUDES:
        for ref in _entries(data.get(key)):
            target = _inside(folder, ref)
            if target is not None:
                k.includes.append(target)
    for entry in data.get("images") or []:
        if isinstance(entry, Mapping) and isinstance(entry.get("name"), str):
            k.images[entry["name"]] = ImageTransform(
                name=entry["name"],
                new_name=entry.get("newName") if isinstance(entry.get("newName"), str) else None,
                new_tag=str(entry["newTag"]) if isinstance(entry.get("newTag"), (str, int, float)) else None,
                digest=entry.get("digest") if isinstance(entry.get("digest"), str) else None,
            )
    return k


class KustomizeIndex:
    """Every kustomization of a scan, and which of them include which file or folder."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.by_folder: dict[str, Kustomization] = {}
        for doc in documents:
            if posixpath.basename(doc.path) in KUSTOMIZATION_NAMES and doc.index == 0:
                k = _parse(doc)
                if k is not None:
                    self.by_folder.setdefault(k.folder, k)
        # included path (a file, or a folder holding a kustomization) -> including kustomization folders
        self.parents: dict[str, list[str]] = {}
        for k in self.by_folder.values():
            for target in k.includes:
                self.parents.setdefault(target, []).append(k.folder)

    def chains(self, path: str) -> list[tuple[str, ...]]:
        """Each chain of kustomization folders that builds `path`, innermost first; [] when none."""
        out: list[tuple[str, ...]] = []
        stack: list[tuple[str, tuple[str, ...]]] = [(p, (p,)) for p in self.parents.get(path, [])]
        while stack and len(out) < _MAX_CHAINS:
            folder, chain = stack.pop()
            above = [p for p in self.parents.get(folder, []) if p not in chain]
            if not above or len(chain) >= _MAX_DEPTH:
                out.append(chain)
                continue
            stack.extend((p, (*chain, p)) for p in above)
        return sorted(out)

    def resolve(self, path: str, image: str) -> list[Resolved]:
        """The image each build of `path` runs; [] when no kustomization builds the file."""
        results: list[Resolved] = []
        for chain in self.chains(path):
            name, tag, digest = split_image(image)
            for folder in chain:
                t = self.by_folder[folder].images.get(name)
                if t is None:
                    continue
                name = t.new_name or name
                if t.new_tag is not None:
                    tag = t.new_tag
                if t.digest is not None:
                    digest = t.digest
            results.append(Resolved(join_image(name, tag, digest), tuple(self.by_folder[f].path for f in chain)))
        return results


def index(documents: Iterable[Document]) -> KustomizeIndex:
    return KustomizeIndex(documents)

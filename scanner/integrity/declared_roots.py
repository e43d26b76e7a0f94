"""Merkle roots that provenance records declare for local datasets, recomputed.

A record states a dataset's root as a digest `mlcomply-merkle-v1:<hex>` on an entity whose
location is a local file or folder (a root `mlcomply scan --json-output` recorded, or
`verify` printed). MLC-INTEG-HASH-001 recomputes it, as it recomputes declared file hashes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.integrity.datasets import DatasetTooLarge, hash_dataset, local_paths
from scanner.loaders.budgets import named
from scanner.provenance import digests
from scanner.provenance.graph import View
from scanner.walk import lstat_in_root

ALGORITHM = "mlcomply-merkle-v1"


@dataclass(frozen=True)
class RootCheck:
    address: str  # the entity's IRI
    path: str  # the dataset, relative to the scan root
    declared: str
    actual: str | None  # None: could not be recomputed (see `problem`)
    problem: str | None = None


def _existing(ctx: ScanContext, rels: list[str]) -> str | None:
    for rel in rels:
        try:
            lstat_in_root(ctx.root, rel)
        except OSError:  # absent, or a link (refused when hashed): try the next reading
            continue
        return rel
    return None


def declared_roots(doc: Document, ctx: ScanContext) -> Iterator[RootCheck]:
    if doc.kind != "provenance" or not isinstance(doc.data, dict):
        return
    view = View(doc.data)
    base = str(PurePosixPath(doc.path).parent)
    for iri in sorted(view.elements):
        loc = view.location(iri)
        roots = [d for d in map(digests.parse, view.digests(iri)) if d is not None and d.algorithm == ALGORITHM]
        rel = _existing(ctx, local_paths("" if base == "." else base, loc)) if loc and roots else None
        if rel is None:
            continue
        try:
            dataset = hash_dataset(ctx.root, rel, dvc=False)
            actual, problem = (dataset.root if dataset else None), None
        except DatasetTooLarge as exc:
            actual, problem = None, f"{exc.detail} ({named(exc.budget)})"
        except OSError as exc:
            actual, problem = None, str(exc.strerror)
        for d in roots:
            yield RootCheck(iri, rel, d.hex, actual, problem)

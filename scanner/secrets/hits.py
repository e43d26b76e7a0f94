"""Secrets in one document, as rule hits grouped by provider family; computed once per document
and shared by every secrets rule (each rule reports its own family)."""

from __future__ import annotations

import weakref
from pathlib import PurePosixPath

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.loaders.sniff import ARCHIVE_SUFFIXES
from scanner.secrets import cells
from scanner.secrets.allow import comment_tokens
from scanner.secrets.detect import detect
from scanner.secrets.dockerfile import dockerfile_hits
from scanner.secrets.pachyderm import pachyderm_hits, specs_of_file
from scanner.secrets.source import Source, build_hits
from scanner.secrets.terraform import terraform_hits

_CACHE: weakref.WeakKeyDictionary[Document, list[tuple[str, Hit]]] = weakref.WeakKeyDictionary()


def _notebook_hits(doc: Document) -> list[tuple[str, Hit]]:
    out: list[tuple[str, Hit]] = []
    for chunk in cells.chunks(doc):
        detections = detect(chunk.text, doc.path if chunk.cell_type == "code" else "cell.md")
        if not detections:
            continue
        tokens = ("#",) if chunk.cell_type == "code" else ("<!--",)
        source = Source(
            chunk.text,
            doc.path,
            tokens,
            chunk.line_map(doc),
            f"in cell {chunk.cell} {chunk.where}",
            {"cell": chunk.cell, "cell_part": chunk.where},
        )
        out.extend(build_hits(source, detections))
    return out


def _compute(doc: Document, ctx: ScanContext) -> list[tuple[str, Hit]]:
    if doc.kind == "terraform":
        return terraform_hits(doc, ctx)
    if doc.kind == "dockerfile":
        return dockerfile_hits(doc)  # the same detector; each finding names its instruction
    if doc.kind == "notebook":
        return _notebook_hits(doc)  # from its cells (a notebook over the size cap has no text)
    if doc.text is None or doc.index > 0:  # later YAML documents share the first one's text
        return []
    if PurePosixPath(doc.path).suffix.lower() in ARCHIVE_SUFFIXES:
        return []
    specs = specs_of_file(doc, ctx) if doc.kind in ("yaml", "json") else []
    if specs:
        return pachyderm_hits(doc, specs)  # the same detector; a finding in transform.env names its variable
    source = Source(doc.text, doc.path, comment_tokens(doc.path))
    return build_hits(source, detect(doc.text, doc.path))


def secret_hits(doc: Document, ctx: ScanContext) -> list[tuple[str, Hit]]:
    cached = _CACHE.get(doc)
    if cached is None:
        cached = _compute(doc, ctx)
        _CACHE[doc] = cached
    return cached

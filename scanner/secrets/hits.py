"""Secrets in one document, as rule hits grouped by provider family; computed once per document
and shared by every secrets rule (each rule reports its own family)."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit, Suppression
from scanner.secrets import cells
from scanner.secrets.allow import comment_tokens, find_allow
from scanner.secrets.detect import Detection, detect
from scanner.secrets.redact import redact, redact_line, secret_key

# Never scanned even when they decode as text (a tar of text files does).
ARCHIVE_SUFFIXES = frozenset(
    {".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".whl", ".jar", ".war", ".egg", ".zst"}
)
_CACHE: weakref.WeakKeyDictionary[Document, list[tuple[str, Hit]]] = weakref.WeakKeyDictionary()


@dataclass
class Source:
    """A text to scan and how its lines map to the file: identity, or a notebook cell's map."""

    text: str
    path: str
    tokens: tuple[str, ...]
    line_of: list[int] | None = None  # file line of each text line; None = the same line
    where: str = ""  # appended to messages, e.g. "in cell 3 output"
    properties: dict[str, Any] = field(default_factory=dict)

    def file_line(self, line: int) -> int:
        if self.line_of is None:
            return line
        return self.line_of[min(line, len(self.line_of)) - 1]


def build_hits(source: Source, detections: Iterable[Detection], address_of: Any = None) -> list[tuple[str, Hit]]:
    detections = list(detections)
    if not detections:
        return []
    lines = source.text.splitlines()
    on_line: dict[int, list[str]] = {}
    for d in detections:
        on_line.setdefault(d.line, []).append(d.secret)
    out = []
    for d in detections:
        line = source.file_line(d.line)
        message = f"{d.name}: {redact(d.secret)}"
        if source.where:
            message += f" {source.where}"
        allow = find_allow(lines, d.line, source.tokens)
        suppression = None
        if allow is not None and allow.reason:
            suppression = Suppression("inline", allow.reason, f"{source.path}:{source.file_line(allow.line)}")
        elif allow is not None:
            message += (
                f" (the mlcomply:allow comment on line {source.file_line(allow.line)} gives no reason, "
                "so it does not apply: write `mlcomply:allow secrets <why this is not a live secret>`)"
            )
        text_line = lines[d.line - 1] if d.line <= len(lines) else ""
        address = address_of(source.path, line) if address_of else None
        hit = Hit(
            message=message,
            address=address,
            line=line,
            end_line=source.file_line(d.end_line),
            path=source.path,
            key=secret_key(d.secret),
            snippet=redact_line(text_line, on_line.get(d.line, [])),
            properties={"secret_type": d.type_id, "redacted": redact(d.secret), **source.properties},
            suppression=suppression,
        )
        out.append((d.family, hit))
    return out


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
        from scanner.secrets.terraform import terraform_hits

        return terraform_hits(doc, ctx)
    if doc.text is None or doc.index > 0:  # later YAML documents share the first one's text
        return []
    if PurePosixPath(doc.path).suffix.lower() in ARCHIVE_SUFFIXES:
        return []
    if doc.kind == "notebook":
        return _notebook_hits(doc)
    source = Source(doc.text, doc.path, comment_tokens(doc.path))
    return build_hits(source, detect(doc.text, doc.path))


def secret_hits(doc: Document, ctx: ScanContext) -> list[tuple[str, Hit]]:
    cached = _CACHE.get(doc)
    if cached is None:
        cached = _compute(doc, ctx)
        _CACHE[doc] = cached
    return cached

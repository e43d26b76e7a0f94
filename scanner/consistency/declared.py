"""Hashes that records declare for files of the repository, from every source we read.

Sources: provenance entities (`prov:location` + digest attributes) and model cards (a line that
names a repository file and its sha256, as in the checksum tables of many cards). `dvc.lock`
hashes are verified by the DVC rules (MLC-DVC-004), with DVC's own algorithm.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from scanner.context import ScanContext
from scanner.documents import Document, Pointer
from scanner.provenance import digests
from scanner.provenance.graph import View
from scanner.walk import FileEntry

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Declared:
    file: FileEntry
    digest: digests.Digest
    address: str | None = None  # provenance entity IRI
    pointer: Pointer | None = None  # element of a YAML document
    line: int | None = None


def repo_file(ctx: ScanContext, base_dir: str, location: str) -> FileEntry | None:
    """The listed file a relative location names (from the repo root or the record's folder)."""
    loc = location.removeprefix("file:")
    if _SCHEME.match(loc) or loc.startswith("/"):
        return None  # remote (s3://, hf://) or absolute: not the repository's bytes
    for base in ("", base_dir):
        rel = posixpath.normpath(posixpath.join(base, loc))
        entry = None if rel.startswith("../") else ctx.file(rel)
        if entry is not None:
            return entry
    return None


def _provenance(doc: Document, ctx: ScanContext) -> Iterator[Declared]:
    v = View(doc.data)
    base = str(PurePosixPath(doc.path).parent)
    for iri in sorted(v.elements):
        loc = v.location(iri)
        entry = repo_file(ctx, base, loc) if loc else None
        if entry is None:
            continue
        for raw in v.digests(iri):
            d = digests.parse(raw)
            if d is not None and not d.directory:
                yield Declared(entry, d, address=iri)


# "sha256:<hex>" or a bare 64-hex value, and path-like tokens ("model.safetensors", `a/b.bin`).
_CARD_SHA256 = re.compile(r"(?<![0-9a-fA-F])(?:sha256[:=\s]\s*)?([0-9a-f]{64})(?![0-9a-fA-F])", re.IGNORECASE)
_PATH_TOKEN = re.compile(r"[\w.-]+(?:/[\w.-]+)*\.\w+")


def _model_card(doc: Document, ctx: ScanContext) -> Iterator[Declared]:
    base = str(PurePosixPath(doc.path).parent)
    for n, line in enumerate((doc.text or "").splitlines(), 1):
        found = _CARD_SHA256.findall(line)
        if len(found) != 1:
            continue  # no hash, or several: which belongs to which file is not clear
        files = {e.rel: e for e in (repo_file(ctx, base, t) for t in _PATH_TOKEN.findall(line)) if e}
        if len(files) == 1:
            entry = next(iter(files.values()))
            yield Declared(entry, digests.Digest("sha256", found[0].lower()), line=n)


def declared_hashes(doc: Document, ctx: ScanContext) -> Iterator[Declared]:
    if doc.kind == "provenance":
        yield from _provenance(doc, ctx)
    elif doc.kind == "modelcard":
        yield from _model_card(doc, ctx)

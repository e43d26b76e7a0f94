"""Which provenance records describe the model of which model card: by folder."""

from __future__ import annotations

from pathlib import PurePosixPath

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.provenance.completeness import models
from scanner.provenance.graph import View


def _folder(doc: Document) -> PurePosixPath:
    return PurePosixPath(doc.path).parent


def _nested(a: PurePosixPath, b: PurePosixPath) -> bool:
    # By parts: the repository root "." has none, so it contains every folder.
    n = min(len(a.parts), len(b.parts))
    return a.parts[:n] == b.parts[:n]


def _describes_model(doc: Document) -> bool:
    try:
        return bool(models(View(doc.data)))
    except Exception:
        # A record the provenance model cannot read is that record's own scan error (its rules
        # fail on it); it must not take every card's cross-document check down with it.
        return False


def model_records(ctx: ScanContext) -> list[Document]:
    """Provenance documents that describe a model (OpenLineage events of data jobs do not)."""
    return [d for d in ctx.documents_of("provenance") if _describes_model(d)]


def partners(doc: Document, ctx: ScanContext) -> list[Document]:
    """For a card, its provenance records; for a record, its cards. Same folder or one inside
    the other; when the repository has exactly one of each, they belong together."""
    cards, records = ctx.documents_of("modelcard"), model_records(ctx)
    others = records if doc.kind == "modelcard" else cards
    found = [o for o in others if _nested(_folder(doc), _folder(o))]
    if not found and len(cards) == 1 and len(records) == 1:
        found = others
    return found

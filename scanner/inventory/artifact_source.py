"""Model files the artifact analysis read: format, size, the pickle verdict, and the sha256 of
the bytes (read again here, through the guarded open, so the BOM states what the file is)."""

from __future__ import annotations

from pathlib import Path

from scanner.documents import Document
from scanner.inventory.model import COMPUTED, Hash, Inventory, add_hash
from scanner.provenance.digests import file_digest
from scanner.walk import open_in_root

# Worst first: a file's verdict is its worst pickle import.
VERDICTS = ("unsafe", "unknown", "safe")


def verdict(doc: Document) -> str | None:
    pickles = doc.data.get("pickles", []) if isinstance(doc.data, dict) else []
    found = {imp.get("verdict") for p in pickles if isinstance(p, dict) for imp in p.get("imports", [])}
    if any(isinstance(p, dict) and p.get("error") for p in pickles):
        found.add("unknown")  # a pickle we could not read to its end is not known to be safe
    if not pickles:
        return None
    return next((v for v in VERDICTS if v in found), "safe")


def sha256(root: Path, rel: str) -> str:
    with open_in_root(root, rel) as fh:
        return file_digest(fh, "sha256")


def add(inv: Inventory, doc: Document, root: Path | None, notes: list[str]) -> None:
    """`root` None: the file is not read again (the org summary needs declared hashes only)."""
    art = inv.artifact(doc.path, doc.path)
    data = doc.data if isinstance(doc.data, dict) else {}
    art.format = str(data["format"]) if data.get("format") else None
    art.size = data.get("size") if isinstance(data.get("size"), int) else None
    art.pickle_verdict = verdict(doc)
    if root is None:
        return
    try:
        add_hash(art.hashes, Hash("sha256", sha256(root, doc.path), COMPUTED))
    except OSError as exc:  # RefusedPath included: the BOM says the file has no hash we read
        notes.append(f"hash model file {doc.path}: {exc.strerror or 'cannot read'}")

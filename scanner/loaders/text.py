"""Generic text: the fallback format; rules read `Document.text`."""

from __future__ import annotations

from scanner.documents import Document, LoadError
from scanner.walk import FileEntry


def read_text(entry: FileEntry) -> str:
    """UTF-8 (with or without BOM); invalid bytes are a load error naming the line."""
    with entry.open() as fh:  # the guarded open: no link followed, never out of the root
        raw = fh.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise LoadError(f"invalid UTF-8 at byte {exc.start}", line=line) from None


def load(entry: FileEntry) -> list[Document]:
    return [Document(kind="text", path=entry.rel, data=None, text=read_text(entry))]

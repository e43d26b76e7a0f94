"""Generic text: the fallback format; rules read `Document.text`.

Text is text whatever its encoding mark: UTF-8 with or without a BOM, UTF-16 and UTF-32 with a
BOM. Structured formats read strictly (`read_text`: a NUL byte or an invalid sequence is a parse
error naming the line). The generic loader reads any other file like `strings` does: a byte that
is not printable text becomes a space, so lines and columns stay where they are and a secret
after a NUL byte (`\\0GITHUB_TOKEN=ghp_...`) or in a Latin-1 file is still found.
"""

from __future__ import annotations

import re

from scanner.documents import Document, LoadError
from scanner.walk import FileEntry, bom_encoding

_SHOWN = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}
# C0 controls but tab, newline and carriage return; DEL; the replacement character.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 with BOM; invalid bytes are a load error naming
    the line."""
    codec = bom_encoding(raw) or "utf-8"
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        # The error's offset counts from the start of the bytes, BOM included.
        line = raw[: exc.start].decode(codec, "replace").count("\n") + 1
        raise LoadError(f"invalid {_SHOWN[codec]} at byte {exc.start}", line=line) from None


def read_text(entry: FileEntry) -> str:
    """A structured file's text. A NUL byte is never part of YAML, JSON, HCL or Python: binary
    content under a text format's name is a parse error, not a silent skip."""
    with entry.open() as fh:  # the guarded open: no link followed, never out of the root
        raw = fh.read()
    nul = raw.find(b"\0") if bom_encoding(raw) is None else -1
    if nul >= 0:
        raise LoadError("binary content (a NUL byte) where text is expected", line=raw.count(b"\n", 0, nul) + 1)
    text = decode(raw)
    nul = text.find("\0")  # UTF-16/32 text that decodes to a NUL character
    if nul >= 0:
        raise LoadError("binary content (a NUL byte) where text is expected", line=text.count("\n", 0, nul) + 1)
    return text


def strings_of(raw: bytes) -> str:
    """The text of any file: decoded when it is valid text, else its printable runs in place."""
    try:
        text = decode(raw)
    except LoadError:
        text = raw.decode("utf-8", "replace")
    return _NOT_TEXT.sub(" ", text) if _NOT_TEXT.search(text) else text


def load(entry: FileEntry) -> list[Document]:
    with entry.open() as fh:
        raw = fh.read()
    return [Document(kind="text", path=entry.rel, data=None, text=strings_of(raw))]

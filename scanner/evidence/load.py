"""The evidence file as a scanned document (kind `evidence-records`), so rules such as the
expired-attestation rule run on it like on any other file; a malformed file is its scan error."""

from __future__ import annotations

from scanner.documents import Document
from scanner.evidence.records import document
from scanner.loaders.text import read_text
from scanner.walk import FileEntry


def load(entry: FileEntry) -> list[Document]:
    return [document(entry.rel, read_text(entry))]

"""The evidence file as a scanned document (kind `evidence-records`), so rules such as the
expired-attestation rule run on it like on any other file; a malformed file is its scan error."""

from __future__ import annotations

from pathlib import PurePosixPath

from scanner.documents import Document
from scanner.evidence.records import DEFAULT_NAME, document
from scanner.loaders.text import read_text
from scanner.walk import FileEntry


def is_evidence_file(path: PurePosixPath) -> bool:
    """Only the file at the top of the repository: the one the report reads."""
    return str(path) == DEFAULT_NAME


def load(entry: FileEntry) -> list[Document]:
    return [document(entry.rel, read_text(entry))]

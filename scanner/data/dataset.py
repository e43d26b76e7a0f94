"""Binary dataset files (Parquet, Arrow, ...): only their size and format, never their content."""

from __future__ import annotations

from pathlib import PurePosixPath

from scanner.documents import Document
from scanner.walk import FileEntry

SUFFIXES = frozenset(
    {".parquet", ".pq", ".arrow", ".feather", ".orc", ".avro", ".tfrecord", ".tfrecords", ".hdf", ".nc"}
)


def load(entry: FileEntry) -> list[Document]:
    fmt = PurePosixPath(entry.rel).suffix.lower().lstrip(".")
    return [Document(kind="dataset", path=entry.rel, data={"format": fmt, "size": entry.size})]

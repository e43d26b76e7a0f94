"""DVC metafiles: `dvc.yaml` (pipeline), `dvc.lock` (pinned hashes) and `*.dvc` (tracked data)."""

from __future__ import annotations

from pathlib import PurePosixPath

from scanner.documents import Document
from scanner.loaders.text import read_text
from scanner.loaders.yaml_file import documents_of_text
from scanner.walk import FileEntry

NAMES = ("dvc.yaml", "dvc.lock")


def is_dvc_file(path: PurePosixPath) -> bool:
    return path.name in NAMES or (path.suffix == ".dvc" and path.name != ".dvc")


def load(entry: FileEntry) -> list[Document]:
    return documents_of_text(entry.rel, read_text(entry), kind="dvc")

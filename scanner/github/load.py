"""GitHub Actions workflows: `.github/workflows/*.yml`, as YAML with element spans."""

from __future__ import annotations

from pathlib import PurePosixPath

from scanner.documents import Document
from scanner.loaders.text import read_text
from scanner.loaders.yaml_file import documents_of_text
from scanner.walk import FileEntry


def is_workflow(path: PurePosixPath) -> bool:
    return path.suffix in (".yml", ".yaml") and path.parent.as_posix().endswith(".github/workflows")


def load(entry: FileEntry) -> list[Document]:
    return documents_of_text(entry.rel, read_text(entry), kind="github-workflow")

"""MLflow metadata: `MLproject`, `MLmodel` and the `meta.yaml` files of a local `mlruns/` store."""

from __future__ import annotations

from scanner.documents import Document
from scanner.loaders.text import read_text
from scanner.loaders.yaml_file import documents_of_text
from scanner.walk import FileEntry


def load(entry: FileEntry) -> list[Document]:
    return documents_of_text(entry.rel, read_text(entry), kind="mlflow")

"""MLflow metadata: `MLproject`, `MLmodel` and the `meta.yaml` files of a local `mlruns/` store."""

from __future__ import annotations

from pathlib import PurePosixPath

from scanner.documents import Document
from scanner.loaders.text import read_text
from scanner.loaders.yaml_file import documents_of_text
from scanner.walk import FileEntry


def is_mlflow_file(path: PurePosixPath) -> bool:
    return path.name in ("MLproject", "MLmodel") or (path.name == "meta.yaml" and "mlruns" in path.parts)


def load(entry: FileEntry) -> list[Document]:
    return documents_of_text(entry.rel, read_text(entry), kind="mlflow")

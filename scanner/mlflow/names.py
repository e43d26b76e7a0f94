"""Which files are MLflow metadata, by name alone: apart from the loader so that telling a
file's kind does not import YAML."""

from __future__ import annotations

from pathlib import PurePosixPath


def is_mlflow_file(path: PurePosixPath) -> bool:
    return path.name in ("MLproject", "MLmodel") or (path.name == "meta.yaml" and "mlruns" in path.parts)

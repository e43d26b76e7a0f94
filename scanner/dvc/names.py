"""Which files are DVC metafiles, by name alone: apart from the loader so that the pre-commit
path can ask about every named file without importing YAML."""

from __future__ import annotations

from pathlib import PurePosixPath

NAMES = ("dvc.yaml", "dvc.lock")


def is_dvc_file(path: PurePosixPath) -> bool:
    return path.name in NAMES or (path.suffix == ".dvc" and path.name != ".dvc")

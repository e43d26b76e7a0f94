"""Which files are GitHub Actions workflows, by name alone: apart from the loader so that telling
a file's kind does not import YAML."""

from __future__ import annotations

from pathlib import PurePosixPath


def is_workflow(path: PurePosixPath) -> bool:
    return path.suffix in (".yml", ".yaml") and path.parent.as_posix().endswith(".github/workflows")

"""The evidence file's name: apart from its reader (and the NIST core it checks records against)
so that telling a file's kind imports neither."""

from __future__ import annotations

from pathlib import PurePosixPath

DEFAULT_NAME = ".mlcomply-evidence.yaml"


def is_evidence_file(path: PurePosixPath) -> bool:
    """Only the file at the top of the repository: the one the report reads."""
    return str(path) == DEFAULT_NAME

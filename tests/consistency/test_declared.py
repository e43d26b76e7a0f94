from __future__ import annotations

from pathlib import Path

import pytest

from scanner.consistency.declared import repo_file
from scanner.context import ScanContext
from scanner.walk import list_files
from tests.conftest import write_files


@pytest.fixture
def ctx(tmp_path: Path) -> ScanContext:
    write_files(tmp_path, {"data/train.csv": "a\n", "prov/local.csv": "b\n", "prov/m.prov.json": "{}"})
    return ScanContext(listing=list_files([tmp_path]))


@pytest.mark.parametrize(
    ("base", "location", "found"),
    [
        ("prov", "data/train.csv", "data/train.csv"),  # from the repository root
        ("prov", "local.csv", "prov/local.csv"),  # from the record's folder
        ("prov", "file:data/train.csv", "data/train.csv"),
        ("prov", "./../data/train.csv", "data/train.csv"),
        ("", "../outside.csv", None),  # never above the root
        ("prov", "s3://bucket/data/train.csv", None),  # remote bytes are not the repo's
        ("prov", "/etc/passwd", None),
        ("prov", "data", None),  # a directory is not a file we can hash
    ],
)
def test_repo_file(ctx: ScanContext, base: str, location: str, found: str | None) -> None:
    entry = repo_file(ctx, base, location)
    assert (None if entry is None else entry.rel) == found

"""Git LFS patterns from .gitattributes files, matched with gitignore's wildmatch rules."""

from __future__ import annotations

import pytest

from scanner.filters.gitattributes import LfsMatcher, lfs_rules

ROOT = "*.parquet filter=lfs diff=lfs merge=lfs -text\ndata/big/** filter=lfs\n# *.csv filter=lfs\n"
SUB = "*.csv filter=lfs\nkeep.csv -filter\n"


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("a.parquet", True),
        ("x/y.parquet", True),
        ("data/big/q.csv", True),
        ("data/q.csv", False),
        ("sub/a.csv", True),
        ("sub/d/e.csv", True),
        ("sub/keep.csv", False),
        ("a.csv", False),
    ],
)
def test_is_lfs(rel: str, expected: bool) -> None:
    assert LfsMatcher([("", ROOT), ("sub", SUB)]).is_lfs(rel) is expected


def test_rules_skip_comments_and_other_attributes() -> None:
    assert lfs_rules("# x filter=lfs\n*.txt text eol=lf\n*.bin filter=lfs\n") == [("*.bin", True)]

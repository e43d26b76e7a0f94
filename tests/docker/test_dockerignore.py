"""`.dockerignore` matching by Docker's rules (moby/patternmatcher), not .gitignore's."""

from __future__ import annotations

import pytest

from scanner.docker import dockerignore


@pytest.mark.parametrize(
    ("patterns", "path", "excluded"),
    [
        ("*.csv", "train.csv", True),
        ("*.csv", "data/train.csv", False),  # anchored at the context root, unlike .gitignore
        ("**/*.csv", "data/raw/train.csv", True),
        ("**/*.csv", "train.csv", True),
        ("data", "data/raw/train.csv", True),  # a parent directory's match excludes its files
        ("/data/", "data/train.csv", True),  # leading slash and trailing slash cleaned
        ("data/*", "data/raw/x.pt", True),  # `data/*` matches the directory `data/raw`
        ("models/**", "models/a/b/c.pt", True),
        ("data\n!data/keep.csv", "data/keep.csv", False),
        ("data\n!data/keep.csv", "data/drop.csv", True),
        ("*.pt\n!best.pt\n*.pt", "best.pt", True),  # the last matching pattern wins
        ("m?del.pkl", "model.pkl", True),
        ("m?del.pkl", "mo/del.pkl", False),
        ("[a-c].npy", "b.npy", True),
        ("[!a-c].npy", "b.npy", False),
        ("# *.csv\n\n   ", "train.csv", False),
        ("./data/../models", "models/x.pt", True),
        ("\\*.csv", "*.csv", True),
        ("\\*.csv", "a.csv", False),
    ],
)
def test_excluded(patterns: str, path: str, excluded: bool) -> None:
    assert dockerignore.excluded(dockerignore.parse(patterns), path) is excluded

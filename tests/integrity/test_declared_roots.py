"""A provenance record that declares a local dataset's Merkle root: MLC-INTEG-HASH-001
recomputes it over the dataset's files."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.integrity.merkle import merkle_root
from scanner.scan import ScanResult

FILES = {"data/train/a.csv": "x,y\n1,2\n", "data/train/b.csv": "x,y\n3,4\n"}
GOOD = merkle_root((p.removeprefix("data/train/"), hashlib.sha256(t.encode()).hexdigest()) for p, t in FILES.items())


def record(root: str) -> str:
    return json.dumps(
        {
            "prefix": {"ex": "https://example.org/"},
            "entity": {"ex:train": {"prov:location": "data/train", "ex:digest": f"mlcomply-merkle-v1:{root}"}},
        }
    )


def hash_findings(result: ScanResult) -> list[str]:
    return [f.message for f in result.findings if f.rule_id == "MLC-INTEG-HASH-001"]


@pytest.mark.parametrize(
    ("declared", "edit", "expected"),
    [
        (GOOD, {}, []),
        ("0" * 64, {}, [f"data/train: declared Merkle root {'0' * 64} (mlcomply-merkle/v1), its files give {GOOD}"]),
        (GOOD, {"data/train/b.csv": "x,y\n3,5\n"}, ["data/train: declared Merkle root " + GOOD]),
        (GOOD, {"data/train/c.csv": "new\n"}, ["data/train: declared Merkle root " + GOOD]),
    ],
    ids=["matches", "wrong-root", "edited-file", "added-file"],
)
def test_declared_merkle_roots_are_recomputed(
    make_repo: Callable[..., Path],
    scan_repo: Callable[[Path], ScanResult],
    declared: str,
    edit: dict[str, str],
    expected: list[str],
) -> None:
    root = make_repo({**FILES, "lineage/train.prov.json": record(declared)})
    for rel, text in edit.items():
        (root / rel).write_text(text)
    found = hash_findings(scan_repo(root))
    assert len(found) == len(expected)
    assert all(f.startswith(e) for f, e in zip(found, expected, strict=True)), found

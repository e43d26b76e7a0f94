"""Which datasets a scan sees and how they are digested: DVC outputs and folders, provenance
entities with local paths; links never followed; the budgets; constant memory."""

from __future__ import annotations

import hashlib
import json
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.integrity.datasets import dataset_digests, hash_dataset
from scanner.integrity.merkle import merkle_root
from scanner.loaders.budgets import Budgets
from scanner.scan import ScanResult

DVC_DIR = "outs:\n- md5: 0123456789abcdef0123456789abcdef.dir\n  path: raw\n"
PROV = {
    "prefix": {"ex": "https://example.org/"},
    "entity": {
        "ex:train": {"prov:location": "data/train.csv"},
        "ex:remote": {"prov:location": "s3://bucket/raw.parquet"},
        "ex:outside": {"prov:location": "../elsewhere.csv"},
    },
}


def digests(result: ScanResult, budgets: Budgets | None = None):  # type: ignore[no-untyped-def]
    return dataset_digests(result.root, result.docs, budgets)


def test_dvc_folder_output_is_digested_file_by_file(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    root = make_repo({"data/raw.dvc": DVC_DIR, "data/raw/a.csv": "a\n", "data/raw/sub/b.csv": "b\n"})
    found, errors = digests(scan_repo(root))
    assert errors == []
    (ds,) = found
    assert (ds.path, ds.kind, ds.declared_in, ds.sources) == ("data/raw", "directory", ("data/raw.dvc",), ("dvc",))
    assert [(f.path, f.size) for f in ds.files] == [("a.csv", 2), ("sub/b.csv", 2)]
    sha = lambda b: hashlib.sha256(b).hexdigest()  # noqa: E731
    assert ds.root == merkle_root([("a.csv", sha(b"a\n")), ("sub/b.csv", sha(b"b\n"))])
    assert ds.to_dict()["merkle_root"] == ds.root


def test_dvcignore_and_links_inside_the_folder(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    root = make_repo(
        {"data/raw.dvc": DVC_DIR, "data/raw/a.csv": "a\n", "data/raw/tmp.log": "x", ".dvcignore": "*.log\n"}
    )
    (root / "secret.txt").write_text("not data\n")
    os.symlink(root / "secret.txt", root / "data/raw/link.csv")
    os.symlink("/etc", root / "data/raw/etc")
    (ds,), errors = digests(scan_repo(root))
    assert errors == []
    assert [f.path for f in ds.files] == ["a.csv"]
    assert ds.skipped == ("etc", "link.csv")  # listed, never followed


def test_a_dataset_that_is_a_link_is_refused(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult], tmp_path: Path
) -> None:
    root = make_repo({"data/raw.dvc": DVC_DIR})
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.csv").write_text("outside\n")
    os.symlink(tmp_path / "outside", root / "data/raw")
    found, errors = digests(scan_repo(root))
    assert found == []
    assert [(e.path, e.kind) for e in errors] == [("data/raw.dvc", "refused")]
    assert "digest dataset data/raw: symbolic link" in errors[0].message


def test_an_absent_dataset_has_no_record(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    root = make_repo({"data/raw.dvc": DVC_DIR})  # not pulled
    assert digests(scan_repo(root)) == ([], [])


def test_provenance_entities_with_local_paths(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    root = make_repo({"model.prov.json": json.dumps(PROV), "data/train.csv": "x,y\n1,2\n"})
    (ds,), errors = digests(scan_repo(root))
    assert errors == []
    assert (ds.path, ds.kind, ds.sources, [f.path for f in ds.files]) == (
        "data/train.csv",
        "file",
        ("provenance",),
        ["train.csv"],
    )


@pytest.mark.parametrize(
    ("budgets", "message"),
    [
        (Budgets(max_dataset_files=1), "more than 1 files; no Merkle root (budget max_dataset_files: 1)"),
        (Budgets(max_dataset_bytes=3), "more than 3 bytes; no Merkle root (budget max_dataset_bytes: 3)"),
    ],
)
def test_budgets_make_a_limit_error(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult], budgets: Budgets, message: str
) -> None:
    root = make_repo({"data/raw.dvc": DVC_DIR, "data/raw/a.csv": "a\n", "data/raw/b.csv": "b\n"})
    found, errors = digests(scan_repo(root), budgets)
    assert found == []
    assert [(e.path, e.kind, e.message) for e in errors] == [
        ("data/raw.dvc", "limit", f"digest dataset data/raw: {message}")
    ]


def test_hashing_reads_in_constant_memory(tmp_path: Path) -> None:
    (tmp_path / "big.bin").write_bytes(os.urandom(1 << 20) * 24)  # 24 MiB
    tracemalloc.start()
    try:
        ds = hash_dataset(tmp_path, "big.bin", dvc=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ds is not None and ds.size == 24 << 20
    assert peak < 4 << 20  # a 1 MiB chunk at a time, not the file

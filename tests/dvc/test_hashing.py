"""DVC's hash algorithm: plain md5 (DVC 3), md5-dos2unix (DVC 2), directory `.dir` listings."""

from __future__ import annotations

import hashlib
import json
import tracemalloc
from pathlib import Path

import pytest

from scanner.dvc import hashing as dvc_hash


@pytest.mark.parametrize(
    ("content", "dos2unix", "expected"),
    [
        (b"a,b\n1,2\n", False, hashlib.md5(b"a,b\n1,2\n").hexdigest()),
        (b"a,b\r\n1,2\r\n", False, hashlib.md5(b"a,b\r\n1,2\r\n").hexdigest()),
        (b"a,b\r\n1,2\r\n", True, hashlib.md5(b"a,b\n1,2\n").hexdigest()),  # text: CRLF -> LF
        (b"\x00\x01\r\n", True, hashlib.md5(b"\x00\x01\r\n").hexdigest()),  # binary: untouched
        (b"", True, hashlib.md5(b"").hexdigest()),
    ],
)
def test_file_md5(tmp_path: Path, content: bytes, dos2unix: bool, expected: str) -> None:
    path = tmp_path / "f"
    path.write_bytes(content)
    with path.open("rb") as fh:
        assert dvc_hash.file_md5(fh, dos2unix) == expected


def test_dos2unix_is_per_chunk_like_dvc(tmp_path: Path) -> None:
    # A CRLF split across DVC's 1 MiB read boundary is not converted by DVC either.
    content = b"a" * (dvc_hash.CHUNK - 1) + b"\r\n" + b"b\r\n"
    (tmp_path / "f").write_bytes(content)
    expected = hashlib.md5(b"a" * (dvc_hash.CHUNK - 1) + b"\r" + b"\nb\n").hexdigest()
    with (tmp_path / "f").open("rb") as fh:
        assert dvc_hash.file_md5(fh, dos2unix=True) == expected


def test_directory_hash_is_md5_of_sorted_json_listing(tmp_path: Path) -> None:
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "sub" / "b.txt").write_bytes(b"y")
    (tmp_path / "d" / "a.txt").write_bytes(b"x")
    listing = [
        {"md5": hashlib.md5(b"x").hexdigest(), "relpath": "a.txt"},
        {"md5": hashlib.md5(b"y").hexdigest(), "relpath": "sub/b.txt"},
    ]
    # The exact bytes DVC hashes: json.dumps with sort_keys and default separators.
    raw = json.dumps(listing, sort_keys=True).encode()
    assert raw.startswith(b'[{"md5": "')
    assert dvc_hash.dvc_md5(tmp_path, "d") == hashlib.md5(raw).hexdigest() + ".dir"
    assert dvc_hash.dvc_md5(tmp_path, "d") == "c0f61b7d3ba88476c1ea19e32af79e29.dir"


def test_hashing_streams(tmp_path: Path) -> None:
    path = tmp_path / "big"
    with path.open("wb") as fh:
        fh.write(b"\x00" * (24 << 20))
    tracemalloc.start()
    with path.open("rb") as fh:
        digest = dvc_hash.file_md5(fh)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert digest == hashlib.md5(b"\x00" * (24 << 20)).hexdigest()
    assert peak < 4 << 20  # a few chunks, never the whole file


def test_dvcignore_leaves_files_out_of_the_listing(tmp_path: Path) -> None:
    (tmp_path / ".dvcignore").write_text("*.tmp\ncache/\n")
    d = tmp_path / "data"
    (d / "cache").mkdir(parents=True)
    (d / "sub").mkdir()
    (d / "a.txt").write_bytes(b"x")
    (d / "sub" / "b.txt").write_bytes(b"y")
    (d / "scratch.tmp").write_bytes(b"junk")
    (d / "cache" / "c.bin").write_bytes(b"junk")
    (d / "sub" / ".dvcignore").write_text("b.txt\n")
    ignore = dvc_hash.DvcIgnore(tmp_path)
    listing = dvc_hash.dir_listing(tmp_path, "data", ignore=ignore)
    assert [e["relpath"] for e in listing] == ["a.txt", "sub/.dvcignore"]

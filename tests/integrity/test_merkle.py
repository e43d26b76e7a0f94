"""The Merkle construction (docs/integrity.md): order-free, changed by any byte or rename."""

from __future__ import annotations

import hashlib
import io
import random

import pytest

from scanner.integrity.merkle import CHUNK, file_sha256, leaf_hash, merkle_root


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


FILES = {f"part-{i:03d}.csv": f"row,{i}\n".encode() for i in range(11)}


def root_of(files: dict[str, bytes]) -> str:
    return merkle_root((path, sha(data)) for path, data in files.items())


def test_root_is_the_documented_construction() -> None:
    """Three leaves: the first two are paired, the odd third is promoted unchanged."""
    h = hashlib.sha256
    leaves = [
        h(b"\x00" + p.encode() + b"\x00" + h(d).digest()).digest() for p, d in [("a", b"1"), ("b", b"2"), ("c", b"3")]
    ]
    left = h(b"\x01" + leaves[0] + leaves[1]).digest()
    expected = h(b"\x01" + left + leaves[2]).hexdigest()
    assert merkle_root([("c", sha(b"3")), ("a", sha(b"1")), ("b", sha(b"2"))]) == expected
    assert leaf_hash("a", sha(b"1")) == leaves[0]
    assert merkle_root([]) == sha(b"")
    assert merkle_root([("a", sha(b"1"))]) == leaves[0].hex()


@pytest.mark.parametrize("seed", range(5))
def test_root_does_not_depend_on_file_order(seed: int) -> None:
    items = list(FILES.items())
    random.Random(seed).shuffle(items)
    assert root_of(dict(items)) == root_of(FILES)


def test_any_byte_changes_the_root() -> None:
    before = root_of(FILES)
    roots = {before}
    for path, data in FILES.items():
        for i in range(len(data)):
            edited = bytearray(data)
            edited[i] ^= 0x01
            roots.add(root_of({**FILES, path: bytes(edited)}))
    assert len(roots) == 1 + sum(len(d) for d in FILES.values())


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(
            lambda f: {**{k: v for k, v in f.items() if k != "part-003.csv"}, "part-x.csv": f["part-003.csv"]},
            id="rename",
        ),
        pytest.param(lambda f: {k: v for k, v in f.items() if k != "part-010.csv"}, id="remove"),
        pytest.param(lambda f: {**f, "part-011.csv": b""}, id="add-empty"),
        pytest.param(lambda f: {**f, "part-000.csv": f["part-001.csv"], "part-001.csv": f["part-000.csv"]}, id="swap"),
    ],
)
def test_renames_additions_and_swaps_change_the_root(edit) -> None:  # type: ignore[no-untyped-def]
    assert root_of(edit(FILES)) != root_of(FILES)


def test_a_path_given_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="given twice"):
        merkle_root([("a", sha(b"1")), ("a", sha(b"2"))])


def test_file_sha256_streams_across_chunk_borders() -> None:
    data = bytes(range(256)) * (CHUNK // 256) + b"tail"
    assert file_sha256(io.BytesIO(data)) == (sha(data), len(data))

"""The cache folder: entries are JSON data checked on every read, written whole, bounded."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.cache import FORMAT, Cache, default_dir
from tests.conftest import REPO_ROOT

KEY = hashlib.sha256(b"k").hexdigest()


def _entry(cache: Cache, key: str = KEY) -> Path:
    return cache.folder / "space" / key[:2] / f"{key}.json"


def test_round_trip(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    assert cache.get("space", KEY) is None
    cache.put("space", KEY, {"a": [1, "x", None]})
    assert cache.get("space", KEY) == {"a": [1, "x", None]}
    assert not [p for p in _entry(cache).parent.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize(
    "content",
    [
        b"",  # truncated to nothing
        b'{"format": "mlcomply-cache/1", "key": "',  # truncated
        b"\x00\xff not json",
        b"[1, 2]",  # not an entry
        json.dumps({"format": "pickle", "key": KEY, "value": 1}).encode(),
        json.dumps({"format": FORMAT, "key": "0" * 64, "value": 1}).encode(),  # another key's entry
        b"[" * 100_000 + b"]" * 100_000,  # nested past the parser
    ],
)
def test_a_bad_entry_is_a_miss(tmp_path: Path, content: bytes) -> None:
    cache = Cache(tmp_path / "c")
    _entry(cache).parent.mkdir(parents=True)
    _entry(cache).write_bytes(content)
    assert cache.get("space", KEY) is None
    cache.put("space", KEY, 7)  # rebuilt over it
    assert cache.get("space", KEY) == 7


def test_links_and_odd_files_are_not_read(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps({"format": FORMAT, "key": KEY, "value": "forged"}))
    _entry(cache).parent.mkdir(parents=True)
    _entry(cache).symlink_to(elsewhere)
    assert cache.get("space", KEY) is None
    _entry(cache).unlink()
    os.mkfifo(_entry(cache))  # would block a plain open
    assert cache.get("space", KEY) is None


def test_keys_are_digests(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        Cache(tmp_path).get("space", "../../etc/passwd")


def test_least_recently_used_entries_go_first(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c", max_bytes=10_000)
    keys = [hashlib.sha256(str(n).encode()).hexdigest() for n in range(6)]
    for n, key in enumerate(keys):
        cache.put("space", key, "x" * 3000)
        os.utime(_entry(cache, key), (1000 + n, 1000 + n))
    assert cache.get("space", keys[0]) is not None  # used now: the newest
    leftover = _entry(cache, keys[1]).parent / ".tmp-killed"
    leftover.write_text("half")
    os.utime(leftover, (1000, 1000))
    cache.evict()
    kept = [k for k in keys if _entry(cache, k).exists()]
    assert kept == [keys[0], keys[4], keys[5]]
    assert not leftover.exists()


def test_default_folder_follows_xdg(tmp_path: Path) -> None:
    assert default_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "mlcomply"
    assert default_dir({"XDG_CACHE_HOME": "relative"}).parts[-2:] == (".cache", "mlcomply")


WRITER = """
import sys
from scanner.cache import Cache
cache = Cache(__import__("pathlib").Path(sys.argv[1]))
for n in range(200):
    cache.put("space", sys.argv[2], {"writer": sys.argv[3], "data": "y" * 5000, "n": n})
    value = cache.get("space", sys.argv[2])
    assert value is not None and value["data"] == "y" * 5000, value
"""


def test_concurrent_writers_never_leave_a_partial_entry(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path / "c"), KEY, str(n)], env=env) for n in range(3)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    assert Cache(tmp_path / "c").get("space", KEY)["data"] == "y" * 5000

"""A content-addressed cache on disk: JSON entries named by the SHA-256 key of what they depend on.

The folder may be written by anything else that runs on the machine, so an entry is data, never
code (JSON, never pickle), and every read is checked: an entry that is not a regular file, is
too large, is not valid JSON, or does not name the key it is stored under counts as missing (the
caller rebuilds and overwrites it). Writes go to a temporary file renamed over the entry, so
concurrent scans sharing a folder see a whole entry or none. The folder is bounded: after a scan
that wrote, the least recently used entries are removed until it fits.

Where: `--cache-dir`, else the trusted config's `cache: {dir: ...}`, else `$XDG_CACHE_HOME/mlcomply`
(`~/.cache/mlcomply`); `--no-cache` or `cache: {enabled: false}` turns it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FORMAT = "mlcomply-cache/1"
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_HEX = frozenset("0123456789abcdef")


def default_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The user cache folder (XDG, as platformdirs resolves it on Linux)."""
    base = environ.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mlcomply"


class Cache:
    def __init__(self, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.wrote = 0

    def _path(self, space: str, key: str) -> Path:
        if len(key) != 64 or not _HEX.issuperset(key) or not space.isidentifier():
            raise ValueError("cache key: not a SHA-256 hex digest")
        return self.folder / space / key[:2] / f"{key}.json"

    def get(self, space: str, key: str) -> Any | None:
        """The value stored under `key`, or None when absent or not a valid entry."""
        path = self._path(space, key)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES:
                return None
            with os.fdopen(fd, "rb", closefd=False) as fh:
                raw = fh.read(MAX_ENTRY_BYTES + 1)
            entry = json.loads(raw)
        except (OSError, ValueError, RecursionError):
            return None
        finally:
            os.close(fd)
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: evicted last
        return entry.get("value")

    def put(self, space: str, key: str, value: Any) -> None:
        """Store `value` (JSON data) under `key`; a cache that cannot be written is no cache."""
        path = self._path(space, key)
        data = json.dumps({"format": FORMAT, "key": key, "value": value}, separators=(",", ":")).encode()
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            return
        self.wrote += len(data)

    def evict(self) -> None:
        """Remove least recently used entries until the folder holds at most max_bytes."""
        if not self.wrote:
            return
        entries: list[tuple[float, int, Path]] = []
        stale = time.time() - 3600
        for path in self.folder.glob("*/*/.tmp-*"):  # left by a writer that was killed
            with contextlib.suppress(OSError):
                if path.lstat().st_mtime < stale:
                    path.unlink()
        for path in self.folder.glob("*/*/*.json"):
            try:
                st = path.lstat()
            except OSError:
                continue
            entries.append((st.st_mtime, st.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size

"""DVC's own content hashes, computed as a stream.

DVC 3 (`hash: md5` on an output) hashes a file's bytes with MD5. DVC 2 (no `hash` field, the
"md5-dos2unix" scheme) first decides from the first 512 bytes whether the file is text and, if
so, replaces CRLF with LF in each 1 MiB chunk it reads (per chunk, exactly as DVC does, so a CRLF
split across a chunk border is kept). A directory's hash is the MD5 of the JSON listing
`[{"md5": ..., "relpath": ...}, ...]` sorted by relpath, dumped with `sort_keys=True`, plus
the suffix ".dir".
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import stat
from pathlib import Path
from typing import IO, TYPE_CHECKING

from scanner.walk import lstat_in_root, open_in_root

if TYPE_CHECKING:
    import pathspec

CHUNK = 1 << 20
TEXT_SNIFF = 512
_TEXT_CHARS = bytes(range(32, 127)) + b"\n\r\t\f\b"


def _is_text(block: bytes) -> bool:
    if not block:
        return True
    if b"\x00" in block:
        return False
    return len(block.translate(None, _TEXT_CHARS)) / len(block) <= 0.30


def file_md5(fh: IO[bytes], dos2unix: bool = False) -> str:
    """DVC's md5 of an open file (opened by the caller through the guarded open)."""
    md5 = hashlib.md5(usedforsecurity=False)
    first = fh.read(CHUNK)
    convert = dos2unix and _is_text(first[:TEXT_SNIFF])
    chunk = first
    while chunk:
        md5.update(chunk.replace(b"\r\n", b"\n") if convert else chunk)
        chunk = fh.read(CHUNK)
    return md5.hexdigest()


class DvcIgnore:
    """`.dvcignore` files (gitignore syntax, via pathspec) from the repository root down:
    DVC leaves the paths they match out of a directory's listing, and so must we. Paths are
    POSIX paths relative to the root; each `.dvcignore` is read through the guarded open."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._specs: dict[str, pathspec.PathSpec | None] = {}

    def _spec(self, folder: str) -> pathspec.PathSpec | None:
        if folder not in self._specs:
            try:
                with open_in_root(self.root, posixpath.join(folder, ".dvcignore")) as fh:
                    lines = fh.read().decode("utf-8", errors="replace").splitlines()
            except OSError:  # absent, or a link (refused): no rules from it
                lines = []
            if lines:
                import pathspec  # on use: ~40 ms of import that a repository without .dvcignore skips

                self._specs[folder] = pathspec.PathSpec.from_lines("gitignore", lines)
            else:
                self._specs[folder] = None
        return self._specs[folder]

    def ignored(self, rel: str, is_dir: bool) -> bool:
        folder = posixpath.dirname(rel)
        while True:
            spec = self._spec(folder)
            inner = (posixpath.relpath(rel, folder) if folder else rel) + ("/" if is_dir else "")
            if spec is not None and spec.match_file(inner):
                return True
            if not folder:
                return False
            folder = posixpath.dirname(folder)


def dir_listing(root: Path, rel: str, dos2unix: bool = False, ignore: DvcIgnore | None = None) -> list[dict[str, str]]:
    """The listing DVC hashes for the folder `root/rel`. Links are left out, never followed, and
    every file is opened through the guarded open, so a link swapped in during the walk is
    refused (RefusedPath) instead of read."""
    entries = []
    base = root / rel
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        here = Path(dirpath).relative_to(root).as_posix()
        dirnames[:] = [
            d
            for d in dirnames
            if d not in (".git", ".dvc") and not (ignore and ignore.ignored(posixpath.join(here, d), is_dir=True))
        ]
        for name in filenames:
            file_rel = posixpath.join(here, name)
            st = os.lstat(root / file_rel)
            if not stat.S_ISREG(st.st_mode) or (ignore and ignore.ignored(file_rel, is_dir=False)):
                continue
            with open_in_root(root, file_rel) as fh:
                entries.append({"md5": file_md5(fh, dos2unix), "relpath": posixpath.relpath(file_rel, rel)})
    return sorted(entries, key=lambda e: e["relpath"])


def dir_md5(root: Path, rel: str, dos2unix: bool = False, ignore: DvcIgnore | None = None) -> str:
    listing = json.dumps(dir_listing(root, rel, dos2unix, ignore), sort_keys=True).encode("utf-8")
    return hashlib.md5(listing, usedforsecurity=False).hexdigest() + ".dir"


def dvc_md5(root: Path, rel: str, dos2unix: bool = False, ignore: DvcIgnore | None = None) -> str:
    """The `md5` DVC records for the workspace file or folder `root/rel`. Raises RefusedPath
    for a path that leaves the root or has a link on the way, FileNotFoundError when absent."""
    st = lstat_in_root(root, rel)
    if stat.S_ISDIR(st.st_mode):
        return dir_md5(root, rel, dos2unix, ignore)
    with open_in_root(root, rel) as fh:
        fst = os.fstat(fh.fileno())
        key = (root, rel, dos2unix, fst.st_size, fst.st_mtime_ns)
        # A lock file names the same data as one stage's output and the next stage's input:
        # hash it once per scan (size and mtime in the key, so an edited file is hashed again).
        if key not in _md5_cache:
            if len(_md5_cache) >= _MD5_CACHE_SIZE:
                _md5_cache.pop(next(iter(_md5_cache)))
            _md5_cache[key] = file_md5(fh, dos2unix)
        return _md5_cache[key]


_MD5_CACHE_SIZE = 4096
_md5_cache: dict[tuple[Path, str, bool, int, int], str] = {}

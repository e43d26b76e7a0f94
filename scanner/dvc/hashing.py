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
from functools import lru_cache
from pathlib import Path

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


def file_md5(path: Path, dos2unix: bool = False) -> str:
    md5 = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as fh:
        first = fh.read(CHUNK)
        convert = dos2unix and _is_text(first[:TEXT_SNIFF])
        chunk = first
        while chunk:
            md5.update(chunk.replace(b"\r\n", b"\n") if convert else chunk)
            chunk = fh.read(CHUNK)
    return md5.hexdigest()


class DvcIgnore:
    """`.dvcignore` files (gitignore syntax, via pathspec) from the repository root down:
    DVC leaves the paths they match out of a directory's listing, and so must we."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._specs: dict[Path, pathspec.PathSpec | None] = {}

    def _spec(self, folder: Path) -> pathspec.PathSpec | None:
        if folder not in self._specs:
            f = folder / ".dvcignore"
            lines = f.read_text(encoding="utf-8", errors="replace").splitlines() if f.is_file() else []
            self._specs[folder] = pathspec.PathSpec.from_lines("gitignore", lines) if lines else None
        return self._specs[folder]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        if not path.is_relative_to(self.root):
            return False
        folder = path.parent
        while True:
            spec = self._spec(folder)
            rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            if spec is not None and spec.match_file(rel):
                return True
            if folder == self.root or not folder.is_relative_to(self.root):
                return False
            folder = folder.parent


def dir_listing(path: Path, dos2unix: bool = False, ignore: DvcIgnore | None = None) -> list[dict[str, str]]:
    entries = []
    for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = [
            d for d in dirnames if d not in (".git", ".dvc") and not (ignore and ignore.ignored(here / d, is_dir=True))
        ]
        for name in filenames:
            full = here / name
            if full.is_symlink() or not full.is_file() or (ignore and ignore.ignored(full, is_dir=False)):
                continue
            rel = full.relative_to(path).as_posix()
            entries.append({"md5": file_md5(full, dos2unix), "relpath": rel})
    return sorted(entries, key=lambda e: e["relpath"])


def dir_md5(path: Path, dos2unix: bool = False, ignore: DvcIgnore | None = None) -> str:
    listing = json.dumps(dir_listing(path, dos2unix, ignore), sort_keys=True).encode("utf-8")
    return hashlib.md5(listing, usedforsecurity=False).hexdigest() + ".dir"


def dvc_md5(path: Path, dos2unix: bool = False, ignore: DvcIgnore | None = None) -> str:
    """The `md5` DVC records for a workspace file or directory."""
    if path.is_dir():
        return dir_md5(path, dos2unix, ignore)
    st = path.stat()
    return _cached_file_md5(path, dos2unix, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=4096)
def _cached_file_md5(path: Path, dos2unix: bool, size: int, mtime_ns: int) -> str:
    # A lock file names the same data as one stage's output and the next stage's input:
    # hash it once per scan (size and mtime in the key, so an edited file is hashed again).
    return file_md5(path, dos2unix)

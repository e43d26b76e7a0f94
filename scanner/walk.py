"""List the files a scan covers: git-aware, no links out of the root, deterministic."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from scanner import safegit
from scanner.documents import ScanError
from scanner.errors import FatalError

# Directory names never descended into: VCS data, tool caches, dependency trees.
EXCLUDED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".terraform",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".venv",
        "venv",
        "site-packages",
        ".dvc",
    }
)
BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class FileEntry:
    rel: str  # POSIX path relative to Listing.root
    abs: Path
    size: int
    binary: bool


@dataclass(frozen=True)
class Listing:
    root: Path  # base of every `rel`: the git top level when scanning inside a checkout
    files: tuple[FileEntry, ...]
    skipped: tuple[ScanError, ...]
    git_tracked: frozenset[str] | None  # None when the root is not a git checkout


class RefusedPath(OSError):
    """A read the trust boundary forbids: a symbolic link, a path out of the scan root, or not a
    regular file. Callers report it as a scan error of kind `refused`."""


def open_in_root(root: Path, rel: str) -> BinaryIO:
    """Open `root/rel` for reading without following any symbolic link on the way and without
    leaving `root`: every component is opened relative to its parent with O_NOFOLLOW, so a link
    swapped in after the listing is refused too. Only regular files open (a FIFO would hang)."""
    path = PurePosixPath(rel)
    parts = path.parts
    if path.is_absolute() or not parts or ".." in parts:
        raise RefusedPath(errno.EPERM, "outside the scan root; not read", rel)
    nofollow = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for part in parts[:-1]:
            try:
                sub = os.open(part, nofollow | getattr(os, "O_DIRECTORY", 0), dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise RefusedPath(errno.ELOOP, "a folder on its path is a symbolic link; not read", rel) from None
                raise
            os.close(fd)
            fd = sub
        try:
            leaf = os.open(parts[-1], nofollow | os.O_NONBLOCK, dir_fd=fd)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise RefusedPath(errno.ELOOP, "symbolic link; not followed", rel) from None
            raise
    finally:
        os.close(fd)
    if not stat.S_ISREG(os.fstat(leaf).st_mode):
        os.close(leaf)
        raise RefusedPath(errno.EPERM, "not a regular file; not read", rel)
    os.set_blocking(leaf, True)
    return os.fdopen(leaf, "rb")


def git_toplevel(path: Path) -> Path | None:
    start = path if path.is_dir() else path.parent
    try:
        out = safegit.run(start, "rev-parse", "--show-toplevel", text=True)
    except OSError:
        return None
    if out.returncode != 0 or not out.stdout.strip():
        return None
    return Path(out.stdout.strip()).resolve()


def _git_files(top: Path, args: Sequence[str]) -> list[str]:
    out = safegit.run(top, "ls-files", "-z", *args)
    if out.returncode != 0:
        raise FatalError(f"list files: git ls-files failed in {top}: {out.stderr.decode().strip()}")
    return sorted({p for p in out.stdout.decode("utf-8", "surrogateescape").split("\0") if p})


def _is_excluded(rel: str) -> bool:
    parts = rel.split("/")[:-1]
    return any(p in EXCLUDED_DIRS for p in parts)


def _is_venv(path: Path) -> bool:
    return (path / "pyvenv.cfg").is_file()


def _walk_dir(base: Path) -> Iterable[Path]:
    """A plain walk for roots outside git. Directory links are not followed, so no loops."""
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if d not in EXCLUDED_DIRS and not _is_venv(here / d))
        for name in sorted(filenames):
            yield here / name
        for d in dirnames[:]:
            if (here / d).is_symlink():
                dirnames.remove(d)
                yield here / d  # reported as a link below, never entered


def _sniff_binary(path: Path) -> bool:
    with path.open("rb") as fh:
        return b"\0" in fh.read(BINARY_SNIFF_BYTES)


def _entry(root: Path, path: Path, skipped: list[ScanError]) -> FileEntry | None:
    rel = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            skipped.append(ScanError(rel, "symbolic link is broken or loops; not read", kind="skipped"))
            return None
        if not target.is_relative_to(root):
            skipped.append(ScanError(rel, "symbolic link points outside the scan root; not read", kind="skipped"))
            return None
        # A link inside the root: its target is scanned under its own path.
        skipped.append(ScanError(rel, "symbolic link; its target is scanned in place", kind="skipped"))
        return None
    try:
        st = path.stat()
    except OSError as exc:
        skipped.append(ScanError(rel, f"cannot read: {exc.strerror}", kind="skipped"))
        return None
    if not path.is_file():
        return None
    try:
        binary = _sniff_binary(path)
    except OSError as exc:
        skipped.append(ScanError(rel, f"cannot read: {exc.strerror}", kind="skipped"))
        return None
    return FileEntry(rel=rel, abs=path, size=st.st_size, binary=binary)


def list_files(paths: Sequence[Path]) -> Listing:
    """Files under `paths` (directories or single files), relative to one common root."""
    if not paths:
        raise FatalError("list files: no path given")
    resolved = []
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise FatalError(f"list files: {p}: no such file or directory")
        # Keep a named link itself (not its target) so the link check below applies to it.
        resolved.append(p.parent.resolve() / p.name if p.is_symlink() else p.resolve())

    top = git_toplevel(resolved[0])
    if top is not None and all(p.is_relative_to(top) for p in resolved):
        root = top
    elif len(resolved) == 1 and resolved[0].is_dir():
        root, top = resolved[0], None
    else:
        root, top = Path(os.path.commonpath([str(p) for p in resolved])), None
        if not root.is_dir():
            root = root.parent

    candidates: list[Path] = []
    for p in resolved:
        if not p.is_dir() or p.is_symlink():
            candidates.append(p)
        elif top is not None:
            rel_dir = p.relative_to(top).as_posix()
            spec = [] if rel_dir == "." else ["--", rel_dir]
            names = _git_files(top, ["--cached", "--others", "--exclude-standard", *spec])
            candidates.extend(top / n for n in names)
        else:
            candidates.extend(_walk_dir(p))

    skipped: list[ScanError] = []
    seen: set[Path] = set()
    files: list[FileEntry] = []
    for path in candidates:
        if path in seen:
            continue
        seen.add(path)
        rel = path.relative_to(root).as_posix()
        if _is_excluded(rel) or _in_venv(root, rel):
            continue
        entry = _entry(root, path, skipped)
        if entry is not None:
            files.append(entry)
    files.sort(key=lambda f: f.rel)
    tracked = frozenset(_git_files(top, ["--cached"])) if top is not None else None
    return Listing(root=root, files=tuple(files), skipped=tuple(skipped), git_tracked=tracked)


def _in_venv(root: Path, rel: str) -> bool:
    """Committed or untracked virtualenvs under any name are recognised by pyvenv.cfg."""
    parts = rel.split("/")[:-1]
    return any(_is_venv_dir(root, "/".join(parts[: i + 1])) for i in range(len(parts)))


@lru_cache(maxsize=4096)
def _is_venv_dir(root: Path, rel_dir: str) -> bool:
    return _is_venv(root / rel_dir)

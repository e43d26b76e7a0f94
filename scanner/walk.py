"""List the files a scan covers: git-aware, no links out of the root, deterministic."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from scanner.documents import ScanError
from scanner.errors import FatalError
from scanner.vcs import safegit

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
# Byte order marks of the Unicode encodings read as text; UTF-32 before UTF-16, whose LE mark
# begins UTF-32 LE's. UTF-16/32 text is full of NUL bytes, so the marks come before the NUL test.
TEXT_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class FileEntry:
    rel: str  # POSIX path relative to Listing.root
    abs: Path  # always root/rel; for messages and names only, never opened (see `open`)
    size: int
    binary: bool

    def __post_init__(self) -> None:
        rel_parts = PurePosixPath(self.rel).parts
        if not rel_parts or self.abs.parts[-len(rel_parts) :] != rel_parts:
            raise ValueError(f"file entry: {self.abs} does not end with {self.rel}")

    @cached_property  # asked for at each open (1,400 times in a warm scan of 200 root modules)
    def root(self) -> Path:
        """The scan root this entry is relative to: what the guarded open starts from."""
        return Path(*self.abs.parts[: len(self.abs.parts) - len(PurePosixPath(self.rel).parts)])

    def open(self) -> BinaryIO:
        """The only way a loader reads a listed file: through `open_in_root`, so a link swapped
        in after the listing, or a folder on the way that became a link, is refused."""
        return open_in_root(self.root, self.rel)


@dataclass(frozen=True)
class Listing:
    root: Path  # base of every `rel`: the git top level when scanning inside a checkout
    files: tuple[FileEntry, ...]
    skipped: tuple[ScanError, ...]
    git_tracked: frozenset[str] | None  # None when the root is not a git checkout


class RefusedPath(OSError):
    """A read the trust boundary forbids: a symbolic link, a path out of the scan root, or not a
    regular file. Callers report it as a scan error of kind `refused`."""


_DIRECTORY = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _parts(rel: str) -> tuple[str, ...]:
    parts = tuple(rel.split("/"))
    if "" in parts or "." in parts:  # not as git lists names: let PurePosixPath normalise it
        parts = PurePosixPath(rel).parts  # an absolute path starts with "/": refused below
    if not parts or ".." in parts or parts[0] == "/":
        raise RefusedPath(errno.EPERM, "outside the scan root; not read", rel)
    return parts


def _open_folder(name: str, parent: int, rel: str) -> int:
    """The folder `name` in the open folder `parent`, never through a link."""
    try:
        return os.open(name, _NOFOLLOW | getattr(os, "O_DIRECTORY", 0), dir_fd=parent)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise RefusedPath(errno.ELOOP, "a folder on its path is a symbolic link; not read", rel) from None
        raise


def _open_leaf(name: str, folder: int, rel: str) -> BinaryIO:
    """The regular file `name` in the open folder `folder`, never through a link."""
    try:
        leaf = os.open(name, _NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RefusedPath(errno.ELOOP, "symbolic link; not followed", rel) from None
        raise
    if not stat.S_ISREG(os.fstat(leaf).st_mode):
        os.close(leaf)
        raise RefusedPath(errno.EPERM, "not a regular file; not read", rel)
    os.set_blocking(leaf, True)
    return os.fdopen(leaf, "rb")


def open_in_root(root: Path, rel: str) -> BinaryIO:
    """Open `root/rel` for reading without following any symbolic link on the way and without
    leaving `root`: every component is opened relative to its parent with O_NOFOLLOW, so a link
    swapped in after the listing is refused too. Only regular files open (a FIFO would hang)."""
    parts = _parts(rel)
    fd = os.open(root, _DIRECTORY)
    try:
        for part in parts[:-1]:
            sub = _open_folder(part, fd, rel)
            os.close(fd)
            fd = sub
        return _open_leaf(parts[-1], fd, rel)
    finally:
        os.close(fd)


class TreeReader:
    """Reads many files of one tree with open_in_root's guarantees, keeping the folders of the
    last file's path open: files read in sorted order (the Terraform call graph reads every .tf
    file of the repository for the pre-commit hook) then cost one open each instead of one per
    path component. At most one chain of folders is open at a time; `close` ends it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._chain: list[tuple[str, int]] = []  # (folder name, its descriptor) from the root down

    def read(self, rel: str) -> bytes:
        parts = _parts(rel)
        folders = parts[:-1]
        keep = 0
        while keep < len(folders) and keep + 1 < len(self._chain) and self._chain[keep + 1][0] == folders[keep]:
            keep += 1
        if not self._chain:
            self._chain.append(("", os.open(self.root, _DIRECTORY)))
        while len(self._chain) > keep + 1:
            os.close(self._chain.pop()[1])
        for name in folders[keep:]:
            self._chain.append((name, _open_folder(name, self._chain[-1][1], rel)))
        with _open_leaf(parts[-1], self._chain[-1][1], rel) as fh:
            return fh.read()

    def close(self) -> None:
        while self._chain:
            os.close(self._chain.pop()[1])


def lstat_in_root(root: Path, rel: str) -> os.stat_result:
    """What `root/rel` is, without following a link: RefusedPath when the path leaves the root or
    any component on the way (the last one included) is a symbolic link. For folders and
    existence checks; a file's bytes are always read through `open_in_root`."""
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts:
        raise RefusedPath(errno.EPERM, "outside the scan root; not read", rel)
    here = root
    st = os.lstat(here)
    for part in path.parts:
        here = here / part
        st = os.lstat(here)
        if stat.S_ISLNK(st.st_mode):
            raise RefusedPath(errno.ELOOP, "symbolic link; not followed", rel)
    return st


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
    return sorted({p for p in _ls_files(top, args) if p})


def _ls_files(top: Path, args: Sequence[str]) -> list[str]:
    out = safegit.run(top, "ls-files", "-z", *args)
    if out.returncode != 0:
        raise FatalError(f"list files: git ls-files failed in {top}: {out.stderr.decode().strip()}")
    return out.stdout.decode("utf-8", "surrogateescape").split("\0")


def _git_files_tagged(top: Path) -> tuple[list[str], frozenset[str]]:
    """Every file of the checkout (tracked or untracked, not ignored) and the tracked ones, from
    one `git ls-files -t` (each name tagged; `?` marks an untracked file)."""
    names: set[str] = set()
    tracked: set[str] = set()
    for item in _ls_files(top, ["-t", "--cached", "--others", "--exclude-standard"]):
        tag, _, name = item.partition(" ")
        if not name:
            continue
        names.add(name)
        if tag != "?":
            tracked.add(name)
    return sorted(names), frozenset(tracked)


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


def bom_encoding(head: bytes) -> str | None:
    """The codec a byte order mark at the start of `head` names, if any."""
    return next((codec for bom, codec in TEXT_BOMS if head.startswith(bom)), None)


def _entry(root: Path, path: Path, skipped: list[ScanError]) -> FileEntry | None:
    rel = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    if path.is_symlink():
        skipped.append(_link_report(root, path, rel))
        return None
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        skipped.append(ScanError(rel, f"cannot read: {exc.strerror}", kind="skipped"))
        return None
    if stat.S_ISDIR(mode):
        return None  # a submodule's gitlink: not part of this repository's files
    if not stat.S_ISREG(mode):
        skipped.append(ScanError(rel, "not a regular file (a FIFO, socket or device); not read", kind="skipped"))
        return None
    try:
        with open_in_root(root, rel) as fh:
            size = os.fstat(fh.fileno()).st_size
            head = fh.read(BINARY_SNIFF_BYTES)
        # NUL bytes, unless a byte order mark says Unicode text: formats.kind_for decides the rest.
        binary = bom_encoding(head) is None and b"\0" in head
    except RefusedPath as exc:
        skipped.append(refused(rel, exc))
        return None
    except OSError as exc:
        skipped.append(ScanError(rel, f"cannot read: {exc.strerror}", kind="skipped"))
        return None
    return FileEntry(rel=rel, abs=path, size=size, binary=binary)


def _link_report(root: Path, path: Path, rel: str) -> ScanError:
    """A listed symbolic link is never read through. One that leaves the root or leads nowhere is
    `refused` (an error: the scan did not see what the name promises); one whose target is inside
    the root is a `note`, because that target is scanned under its own path."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return ScanError(rel, "symbolic link is broken or loops; not read", kind="refused")
    if not target.is_relative_to(root):
        return ScanError(rel, "symbolic link points outside the scan root; not read", kind="refused")
    return ScanError(rel, "symbolic link; not followed, its target is scanned in place", kind="note")


def refused(rel: str, exc: RefusedPath) -> ScanError:
    """The scan error for a read the guard refused; `exc.strerror` says why."""
    return ScanError(rel, f"{exc.strerror}", kind="refused")


def _roots(paths: Sequence[Path]) -> tuple[list[Path], Path, Path | None]:
    """The named paths made absolute, the scan root, and the git top level when the root is one."""
    resolved = []
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise FatalError(f"list files: {p}: no such file or directory")
        # Keep a named link itself (not its target) so the link check below applies to it.
        resolved.append(p.parent.resolve() / p.name if p.is_symlink() else p.resolve())

    top = git_toplevel(resolved[0])
    if top is not None and all(p.is_relative_to(top) for p in resolved):
        return resolved, top, top
    if len(resolved) == 1 and resolved[0].is_dir():
        return resolved, resolved[0], None
    root = Path(os.path.commonpath([str(p) for p in resolved]))
    return resolved, root if root.is_dir() else root.parent, None


def scan_root(paths: Sequence[Path]) -> Path:
    """The root a scan of `paths` reads from (what `list_files` would use)."""
    return _roots(paths)[1]


def open_named(root: Path, path: Path) -> BinaryIO:
    """Open a file the trusted side named (a config, an ignore file, a var file). Inside the scan
    root it is untrusted content like any other: read through `open_in_root`, so a link in the
    tree is refused. Outside the root it is the user's own file and is opened as named."""
    absolute = Path(os.path.abspath(path))
    real_root = os.path.realpath(root)
    # Find the ancestor that *is* the root, however it was spelled (a linked /tmp, a relative
    # path), without resolving anything below it: links inside the tree must stay visible.
    for depth, ancestor in enumerate(absolute.parents):
        if os.path.realpath(ancestor) == real_root:
            rel = PurePosixPath(*absolute.parts[len(absolute.parts) - depth - 1 :]).as_posix()
            return open_in_root(root, rel)
    return open(absolute, "rb")


# Given the scan root and every listed name, the names whose entries to build (None: all).
Select = Callable[[Path, Sequence[str]], "Collection[str] | None"]


def entry_for(root: Path, rel: str, skipped: list[ScanError]) -> FileEntry | None:
    """One listed name's entry, with the checks of the walk (a link, not a regular file...)."""
    return _entry(root, root / rel, skipped)


def list_files(paths: Sequence[Path], select: Select | None = None) -> Listing:
    """Files under `paths` (directories or single files), relative to one common root.
    `select`: which of the listed names to stat and sniff (the incremental path reads only the
    files that can change the findings it reports)."""
    if not paths:
        raise FatalError("list files: no path given")
    resolved, root, top = _roots(paths)

    # Names relative to the root: when git lists them, the root is its top level and the names
    # are used as they come (a Path per file and its relative_to cost ~10 ms per 1,000 files).
    candidates: list[str] = []
    tracked: frozenset[str] | None = None
    for p in resolved:
        if not p.is_dir() or p.is_symlink():
            candidates.append(p.relative_to(root).as_posix())
        elif top is not None and p == top and tracked is None:
            # The whole checkout: its tracked files come from the same git call.
            names, tracked = _git_files_tagged(top)
            candidates.extend(names)
        elif top is not None:
            rel_dir = p.relative_to(top).as_posix()
            spec = [] if rel_dir == "." else ["--", rel_dir]
            candidates.extend(_git_files(top, ["--cached", "--others", "--exclude-standard", *spec]))
        else:
            candidates.extend(path.relative_to(root).as_posix() for path in _walk_dir(p))

    skipped: list[ScanError] = []
    seen: set[str] = set()
    named: list[str] = []
    for rel in candidates:
        if rel in seen:
            continue
        seen.add(rel)
        if not (_is_excluded(rel) or _in_venv(root, rel)):
            named.append(rel)
    wanted = None if select is None else select(root, named)
    files: list[FileEntry] = []
    for rel in named:
        if wanted is not None and rel not in wanted:
            continue
        entry = _entry(root, root / rel, skipped)
        if entry is not None:
            files.append(entry)
    files.sort(key=lambda f: f.rel)
    if tracked is None and top is not None:
        tracked = frozenset(_git_files(top, ["--cached"]))
    return Listing(root=root, files=tuple(files), skipped=tuple(skipped), git_tracked=tracked)


def _in_venv(root: Path, rel: str) -> bool:
    """Committed or untracked virtualenvs under any name are recognised by pyvenv.cfg."""
    parts = rel.split("/")[:-1]
    return any(_is_venv_dir(root, "/".join(parts[: i + 1])) for i in range(len(parts)))


@lru_cache(maxsize=4096)
def _is_venv_dir(root: Path, rel_dir: str) -> bool:
    return _is_venv(root / rel_dir)

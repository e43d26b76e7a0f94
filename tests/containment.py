"""A session-wide guard: no test may read outside the repository, its own temporary folders and
the Python installation (a clone from GitHub has nothing beside it, e.g. no ../shared).

An audit hook sees every `open`, `os.listdir` and `os.scandir` in the test process; reads
outside the allowed roots are recorded and fail the test that made them. Subprocesses (the real
CLI) are confined by the same roots because they only receive paths the test made."""

from __future__ import annotations

import os
import sys
import sysconfig
import tempfile
from pathlib import Path

_violations: list[str] = []
_allowed: tuple[str, ...] = ()
# Never readable, even when the checkout sits in the temporary folder (a CI clone in /tmp puts
# ../shared inside an allowed root): the reference folder beside the checkout.
_forbidden: tuple[str, ...] = ()


def _roots(repo_root: Path) -> tuple[str, ...]:
    roots = {
        str(repo_root),
        tempfile.gettempdir(),
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        *(p for p in sysconfig.get_paths().values()),
        *(p for p in sys.path if p and os.path.isdir(p) and not _is_project_sibling(repo_root, p)),
        # The system: shared libraries, time zones, certificates, devices and process data.
        "/usr",
        "/lib",
        "/lib64",
        "/etc",
        "/dev",
        "/proc",
        "/sys",
        "/opt",
    }
    return tuple(sorted(os.path.realpath(r) for r in roots))


def _is_project_sibling(repo_root: Path, path: str) -> bool:
    """A folder beside the checkout (../shared) is what this guard exists for."""
    real = os.path.realpath(path)
    parent = str(repo_root.parent)
    return real.startswith(parent + os.sep) and not real.startswith(str(repo_root))


# Reading a file, and listing a folder (a test that walks ../shared to find its data).
_EVENTS = frozenset({"open", "os.listdir", "os.scandir"})


def _hook(event: str, args: tuple[object, ...]) -> None:
    if event not in _EVENTS or not args:
        return
    path = args[0]
    if isinstance(path, int) or path is None:
        return
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    text = os.path.realpath(os.fspath(path))  # type: ignore[arg-type]
    if _under(text, _forbidden) or not _under(text, _allowed):
        _violations.append(text)


def _under(text: str, roots: tuple[str, ...]) -> bool:
    return any(text == r or text.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def install(repo_root: Path, extra: tuple[str, ...] = ()) -> None:
    global _allowed, _forbidden
    _allowed = _roots(repo_root) + tuple(os.path.realpath(e) for e in extra)
    _forbidden = (os.path.realpath(repo_root.parent / "shared"),)
    sys.addaudithook(_hook)


def take() -> list[str]:
    out = list(_violations)
    _violations.clear()
    return out

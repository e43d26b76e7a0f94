"""Which files a policy or rule folder named by the user contributes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from scanner.errors import FatalError


def source_files(dirs: Sequence[Path], pattern: str, what: str, keep: Callable[[Path], bool]) -> list[Path]:
    """A named file as it is; under a named folder, every file matching `pattern` that `keep`
    accepts, sorted so that evaluation order (and so output order) never depends on the disk."""
    out: list[Path] = []
    for d in dirs:
        if d.is_file():
            out.append(d)
        elif d.is_dir():
            out.extend(p for p in sorted(d.rglob(pattern)) if keep(p))
        else:
            raise FatalError(f"{what}: {d}: not a directory")
    return out

"""Write an output file without following a link: the one helper every writer uses.

An output path may sit in the scanned checkout (the Action's workspace), where a pull request can
commit `mlcomply.sarif` as a symbolic link to a file of the runner's. So an existing link at the
destination is refused, and the content goes to a new file in the same folder that is then
renamed over the destination: a rename replaces a link swapped in meanwhile instead of writing
through it, and a reader never sees half a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from scanner.errors import FatalError


def refuse_link(path: Path, what: str = "write") -> None:
    """FatalError when `path` is a symbolic link (dangling or not)."""
    if path.is_symlink():
        raise FatalError(f"{what} {path}: the destination is a symbolic link; not followed, not replaced")


def write_output(path: Path, data: str | bytes, what: str = "write") -> None:
    """Write `data` (str as UTF-8) to `path` through a temporary file and a rename."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        refuse_link(path, what)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                os.fchmod(fh.fileno(), 0o666 & ~_umask())  # as an ordinary create would
                fh.write(raw)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        raise FatalError(f"{what} {path}: {exc.strerror}") from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

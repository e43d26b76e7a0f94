"""Where the built-in policies and rules are: inside the wheel, or beside the source tree."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_dir(name: str) -> Path:
    """`name` is "rego" or "rules". Installed wheels carry them as scanner/builtin/<name>."""
    installed = _PACKAGE / "builtin" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def is_builtin(path: Path) -> bool:
    """Shipped with mlcomply (and validated by its test suite), as opposed to a user's file."""
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder) for folder in _builtin_folders())


@cache
def _builtin_folders() -> tuple[Path, ...]:
    # Resolved once per process: every rule's metadata asks (about 280 times a scan).
    return tuple(builtin_dir(n).resolve() for n in ("rego", "rules"))

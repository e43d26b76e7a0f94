"""Root modules loaded as the tests compare them: each document's folder, data and addresses,
and the scan errors (the early step's and the split's tests compare each path with the usual one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scanner.terraform import load
from scanner.walk import list_files


def loaded(root: Path) -> tuple[list[Any], list[Any]]:
    entries = [e for e in list_files([root]).files if e.rel.endswith((".tf", ".tf.json", ".tfvars"))]
    docs, errors = load.load_modules(root, entries)
    return [(d.path, d.data, d.addresses) for d in docs], errors

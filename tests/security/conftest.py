"""Shared by the trust-boundary tests: canaries outside the scanned tree and where to look for them."""

from __future__ import annotations

import secrets
import sqlite3
import zlib
from pathlib import Path

import pytest


@pytest.fixture
def canary(tmp_path: Path) -> tuple[Path, str]:
    """A file outside every scanned tree, holding a unique marker that looks like a GitHub token."""
    marker = "ghp_" + secrets.token_hex(18)
    path = tmp_path / "outside" / "canary.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"token: {marker}\nCANARY {marker}\n")
    return path, marker


def database_text(db: Path, repo: str | None = None) -> str:
    """Every value of every table of an org history database (only the rows of `repo` when
    given), compressed result blobs inflated."""
    parts: list[str] = []
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            if repo is not None and "repo" not in columns:
                continue
            where, args = (" WHERE repo = ?", (repo,)) if repo is not None else ("", ())
            for row in conn.execute(f'SELECT * FROM "{table}"{where}', args):  # names from sqlite_master
                for value in row:
                    if isinstance(value, bytes):
                        parts.append(zlib.decompress(value).decode("utf-8"))
                    elif value is not None:
                        parts.append(str(value))
    return "\n".join(parts)

from __future__ import annotations

import pytest

from scanner.secrets.allow import comment_tokens, find_allow


@pytest.mark.parametrize(
    ("path", "lines", "line", "expected"),
    [
        ("a.py", ["x = 1  # mlcomply:allow secrets test fixture"], 1, "test fixture"),
        ("a.py", ["# mlcomply:allow secrets revoked key", "x = 1"], 2, "revoked key"),
        ("a.py", ["# mlcomply:allow secrets", "x = 1"], 2, ""),
        ("a.py", ["# mlcomply:allow secrets old", "", "x = 1"], 3, None),  # two lines above
        ("a.js", ["x = 1 // mlcomply:allow secrets mock server token"], 1, "mock server token"),
        ("q.sql", ["-- mlcomply:allow secrets local dev db", "x"], 2, "local dev db"),
        ("README.md", ["<!-- mlcomply:allow secrets docs sample -->", "x"], 2, "docs sample"),
        ("main.tf", ["# mlcomply:allow secrets localstack", "x"], 2, "localstack"),
        ("a.py", ["x = 'mlcomply:allow secrets not a comment'"], 1, None),
    ],
)
def test_find_allow(path: str, lines: list[str], line: int, expected: str | None) -> None:
    allow = find_allow(lines, line, comment_tokens(path))
    assert (allow.reason if allow else None) == expected

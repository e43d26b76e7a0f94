"""Nesting depth of JSON text, measured before parsing: `json.loads` and every walk over its
result recurse once per level, and 100,000 levels take a few hundred kilobytes.

The check is linear and runs in C for the common case: strings are removed by one regex whose
every match succeeds (an unterminated string runs to the end of the text, so nothing is tried
twice), then only brackets are left to count.
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat

from scanner.loaders import budgets

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.S)
_STRING_B = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.S)
# Outside strings valid JSON is ASCII: deleting every other ASCII character leaves the brackets.
_KEEP_BRACKETS = bytes(c for c in range(128) if chr(c) not in "[]{}")
_KEEP_BRACKETS_S = str.maketrans("", "", _KEEP_BRACKETS.decode("ascii"))
_TOKEN = re.compile(_STRING.pattern + r"|[\[\]{}]", re.S)
_DELTA = {"[": 1, "{": 1, "]": -1, "}": -1}


def deeper_than(text: str | bytes, limit: int) -> int | None:
    """The line (1-based) of the first bracket that opens level `limit + 1`, or None."""
    if isinstance(text, bytes):
        if text.count(b"[") + text.count(b"{") <= limit:
            return None
        brackets = _STRING_B.sub(b"", text).translate(None, _KEEP_BRACKETS).decode("latin-1")
    else:
        if text.count("[") + text.count("{") <= limit:
            return None
        brackets = _STRING.sub("", text).translate(_KEEP_BRACKETS_S)
    if max(accumulate(map(_DELTA.get, brackets, repeat(0))), default=0) <= limit:
        return None
    # Too deep, which is rare: walk the tokens once more to say where.
    source = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    depth = 0
    for match in _TOKEN.finditer(source):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return source.count("\n", 0, match.start()) + 1
        elif token in "]}":
            depth -= 1
    return source.count("\n") + 1


def check(text: str | bytes, what: str, first_line: int = 1) -> None:
    """Raise BudgetExceeded (kind `limit`) when `text` nests deeper than max_nesting_depth."""
    limit = budgets.current().max_nesting_depth
    line = deeper_than(text, limit)
    if line is None:
        return
    raise budgets.BudgetExceeded(
        f"parse {what}: nested deeper than {limit} levels; not parsed", "max_nesting_depth", line=first_line + line - 1
    )

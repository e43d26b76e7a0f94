"""JSON with comments and trailing commas (JSONC, the JSON5 relaxations editors write):
tsconfig.json, devcontainer.json, .vscode/*.json, *.jsonc, *.json5.

Comments and trailing commas are blanked in place (same length, same newlines) so the result is
strict JSON that the stdlib parses, with every line and column where it was: errors and spans
still name the right line. A few lines of regex instead of a JSON5 library: the libraries are
either pure-Python recursive parsers (depth and speed budgets to re-prove) or a grammar engine.
One pass each, and every match succeeds (an unterminated string or comment runs to the end of
the text), so the cost is linear in the text.
"""

from __future__ import annotations

import re

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)'
_COMMENT = re.compile(_STRING + r"|//[^\n]*|/\*.*?(?:\*/|\Z)", re.S)
_TRAILING_COMMA = re.compile(_STRING + r"|,(?=\s*[\]}])", re.S)
_VISIBLE = re.compile(r"[^\r\n]")


def _blank(match: re.Match[str]) -> str:
    text = match.group()
    return text if text.startswith('"') else _VISIBLE.sub(" ", text)


def relaxed(text: str) -> str | None:
    """`text` with comments and trailing commas blanked, or None when it has neither."""
    if "/" not in text and "," not in text:
        return None
    cleaned = _TRAILING_COMMA.sub(_blank, _COMMENT.sub(_blank, text))
    return None if cleaned == text else cleaned

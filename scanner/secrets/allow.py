"""Inline allow comments: `mlcomply:allow secrets <reason>` on the flagged line or the line above,
in the comment syntax of the file. A reason is required; without one the finding stays."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

_HASH = ("#",)
_SLASH = ("//", "/*")
_DASH = ("--",)
_XML = ("<!--",)
COMMENT_TOKENS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        (
            ".py",
            ".pyi",
            ".sh",
            ".bash",
            ".zsh",
            ".yaml",
            ".yml",
            ".toml",
            ".env",
            ".cfg",
            ".conf",
            ".r",
            ".rb",
            ".pl",
            ".properties",
            ".dockerfile",
            ".mk",
            ".ps1",
            ".txt",
            ".jl",
            ".nix",
        ),
        _HASH,
    ),
    ".ini": ("#", ";"),
    **dict.fromkeys((".tf", ".tfvars", ".hcl"), ("#", "//", "/*")),
    **dict.fromkeys(
        (
            ".js",
            ".mjs",
            ".cjs",
            ".ts",
            ".tsx",
            ".jsx",
            ".go",
            ".java",
            ".kt",
            ".kts",
            ".scala",
            ".c",
            ".cc",
            ".cpp",
            ".h",
            ".hpp",
            ".cs",
            ".rs",
            ".swift",
            ".dart",
            ".groovy",
            ".jsonc",
            ".proto",
            ".php",
        ),
        _SLASH,
    ),
    **dict.fromkeys((".sql", ".lua", ".hs", ".ada"), _DASH),
    **dict.fromkeys((".md", ".html", ".htm", ".xml", ".svg", ".vue", ".xhtml", ".rst"), _XML),
}
_NAMES = {"Dockerfile": _HASH, "Makefile": _HASH, "Jenkinsfile": _SLASH, ".env": _HASH}
ANY = ("#", "//", "/*", "--", "<!--", ";")
_MARKER = re.compile(r"mlcomply:allow\s+secrets\b(?P<reason>[^\n]*)")
_CLOSERS = ("-->", "*/")


@dataclass(frozen=True)
class Allow:
    line: int
    reason: str  # empty when the comment gave none


def comment_tokens(path: str) -> tuple[str, ...]:
    p = PurePosixPath(path)
    if p.name in _NAMES or p.name.startswith(".env"):
        return _NAMES.get(p.name, _HASH)
    return COMMENT_TOKENS.get(p.suffix.lower(), ANY)


def allow_on(line_text: str, tokens: tuple[str, ...]) -> str | None:
    """The reason ('' if missing) when `line_text` carries an allow comment; else None."""
    m = _MARKER.search(line_text)
    if m is None:
        return None
    before = line_text[: m.start()].rstrip()
    if not any(before.endswith(t) or t in before for t in tokens):
        return None
    reason = m.group("reason")
    ended = reason.rstrip()
    if ended.endswith(_CLOSERS):  # by hand: a regex anchored at the end retries at every blank
        reason = ended[: -2 if ended.endswith("*/") else -3].rstrip()
    return reason.strip(" :-\u2013\u2014\t")  # dashes people put before the reason


def find_allow(lines: list[str], line: int, tokens: tuple[str, ...]) -> Allow | None:
    """An allow comment on `line` (1-based) or directly above it."""
    for candidate in (line, line - 1):
        if 1 <= candidate <= len(lines):
            reason = allow_on(lines[candidate - 1], tokens)
            if reason is not None:
                return Allow(candidate, reason)
    return None

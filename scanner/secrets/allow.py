"""Inline allow comments: `mlcomply:allow secrets <reason>` on the flagged line or the line above,
in the comment syntax of the file. A reason is required; without one the finding stays.

The markers other scanners honour are aliases, so a repository that already marked its test
keys for them needs no second comment: `gitleaks:allow` and `trufflehog:ignore` on the flagged
line, detect-secrets' `pragma: allowlist secret` on the line (`pragma: allowlist nextline
secret` on the line above). Their marker is their reason. They are inline suppressions like ours:
in a diff scan one the change adds is not honoured (`filters/review.py`)."""

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
# Other scanners' markers: (pattern, applies to the line below rather than its own line).
_ALIASES = (
    (re.compile(r"gitleaks:allow\b"), False),
    (re.compile(r"trufflehog:ignore\b"), False),
    (re.compile(r"pragma:\s*allowlist[ -]secret\b"), False),
    (re.compile(r"pragma:\s*allowlist[ -]nextline[ -]secret\b"), True),
)


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


def alias_on(line_text: str, tokens: tuple[str, ...], above: bool) -> str | None:
    """`marked <marker>` when `line_text` carries another scanner's marker in a comment that
    covers its own line (`above` False) or the line below (`above` True); else None."""
    for pattern, nextline in _ALIASES:
        m = pattern.search(line_text)
        if m is None or nextline != above:
            continue
        before = line_text[: m.start()]
        if any(t in before for t in tokens):
            return f"marked `{m.group()}` for another secret scanner"
    return None


def find_allow(lines: list[str], line: int, tokens: tuple[str, ...]) -> Allow | None:
    """An allow comment on `line` (1-based) or directly above it."""
    for candidate in (line, line - 1):
        if 1 <= candidate <= len(lines):
            text = lines[candidate - 1]
            reason = allow_on(text, tokens)
            if reason is None:
                reason = alias_on(text, tokens, above=candidate != line)
            if reason is not None:
                return Allow(candidate, reason)
    return None

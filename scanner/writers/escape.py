"""How text a repository controls (file names, stage names, messages quoting a file, error text)
is written into each output format, so that it stays text there: never a terminal escape
sequence, never Markdown or HTML, never a URI other than the file's own.

One function per format; every writer of that format uses it.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

# C0 and C1 controls, DEL, invisible characters that reorder or hide text on a terminal
# (bidirectional overrides and isolates, zero-width characters: "Trojan Source"), and the lone
# surrogates that stand for bytes of a file name that is not UTF-8 (they cannot be printed).
_HIDDEN = "\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff"
_INVISIBLE = re.compile(f"[\x00-\x1f{_HIDDEN}]")
_INVISIBLE_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f{_HIDDEN}]")
# Markdown (CommonMark and GitHub's extensions: tables, strikethrough, math) inline syntax.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_BACKTICKS = re.compile(r"`+")
# Kept as they are in a SARIF URI: RFC 3986 unreserved characters (always kept by `quote`), `/`
# and the sub-delimiters and `@` a path may hold. `:` is encoded: in a relative reference's first
# segment it would read as a scheme.
_URI_SAFE = "/!$&'()*+,;=@"


def _visible(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape", "backslashreplace").decode("ascii")


def console_text(text: str, keep_newlines: bool = False) -> str:
    """Text for a terminal or CI log: control characters and escape sequences shown as `\\x1b`,
    `\\r`, `\\n`, `\\u202e`, so a file name cannot recolour, rewrite or fake lines of the output."""
    return (_INVISIBLE_BUT_NEWLINE if keep_newlines else _INVISIBLE).sub(_visible, text)


def sarif_uri(path: str) -> str:
    """A repository-relative path as a SARIF `artifactLocation.uri` (RFC 3986, UTF-8): `#`, `?`,
    `%`, spaces, controls and non-ASCII percent-encoded; `infra/main.tf` unchanged. A name that
    is not UTF-8 (held as surrogate escapes) is encoded as its bytes."""
    return quote(path.encode("utf-8", "surrogateescape"), safe=_URI_SAFE)


def md_cell(value: object) -> str:
    """Inline Markdown text, safe in a table cell or a list item: one line, controls made
    visible, HTML escaped (GitHub and CommonMark render raw HTML), syntax characters
    backslash-escaped so it opens no code span, link, emphasis or cell."""
    text = console_text(" ".join(str(value).split()))
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def md_fence(text: str, info: str = "text") -> str:
    """A fenced code block holding `text` verbatim: the fence is longer than any run of
    backticks in it, so no line of `text` can close it (and nothing in a fence is HTML)."""
    longest = max((len(m.group()) for m in _BACKTICKS.finditer(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{console_text(text, keep_newlines=True)}\n{fence}"

"""What a finding may show of a secret: its type, a short prefix, its length.

Redaction works on offsets, never by searching the line for the secret's text (`str.replace`
finds nothing when the value holds a carriage return that `splitlines()` split at, and a capped
value leaves the rest of its token in clear). For each span to hide, the whole run of token
characters around it is hidden, so a value the detector capped (at 200 characters) hides its
tail too; on a line that holds a secret, every other high-entropy token is hidden as well (the
undetected half of a pair: an AWS secret key beside its key id, a ClearML `key=` beside
`secret=`). `redact_text` applies the same redactor to any text mlcomply writes about a file
(parser messages, URLs, exception text, finding messages), so no output shows a secret in clear.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from scanner.secrets.entropy import shannon

MAX_PREFIX = 4
REDACTED = "****"
SNIPPET_LIMIT = 200
# Every character Python's `str.splitlines()` (and so an editor, a YAML or JSON viewer) may treat
# as the end of a line: a value holding one would otherwise print across two snippet lines.
LINE_SEPARATORS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SEPARATOR = re.compile(f"[{LINE_SEPARATORS}]")
# A redacted span grows over these on both sides: a value cut by a length cap (or found inside a
# longer token) never leaves the rest of its token in clear. Forwards it stops only at what ends
# an unquoted value; backwards also at `=` and `:`, which separate a name from its value.
_TOKEN_AFTER = re.compile(r"""[^\s,;&'"`(){}\[\]<>]*""")
_TOKEN_BEFORE = re.compile(r"""[^\s,;&'"`(){}\[\]<>=:]*""")
# Runs that may be the other half of a credential on a line that holds one.
_TOKEN_RUN = re.compile(r"[A-Za-z0-9+/_\-.~]{16,}")
MIN_TOKEN_ENTROPY = 3.0


def clean_value(secret: str) -> str:
    """The secret without line separators: what it is identified and described by."""
    return _SEPARATOR.sub("", secret)


def shown_prefix(secret: str) -> str:
    """At most 4 characters and at most a quarter of the secret (a short password shows less)."""
    return secret[: min(MAX_PREFIX, len(secret) // 4)]


def redact(secret: str) -> str:
    secret = clean_value(secret)
    return f"{shown_prefix(secret)}{REDACTED} ({len(secret)} chars)"


def _high_entropy(run: str) -> bool:
    """Random-looking enough to be a key: letters and digits, 3 bits per character or more.
    Names (`aws_secret_access_key`) have no digits; hex digests and keys both qualify."""
    has_digit = any(map(str.isdigit, run))
    has_alpha = any(map(str.isalpha, run))
    return has_digit and has_alpha and shannon(run) >= MIN_TOKEN_ENTROPY


def _start_of_token(text: str, start: int) -> int:
    before = _TOKEN_BEFORE.match(text[max(0, start - 256) : start][::-1])
    return start - (before.end() if before else 0)


def redact_spans(
    text: str, spans: Iterable[tuple[int, int, bool]], limit: int | None = None, candidates: bool = False
) -> str:
    """`text` with each span, widened to its whole token, replaced by its redacted form.

    `spans`: (start, end, always); one with always=False is a candidate token, hidden only when it
    looks random (checked only where it would show). With `candidates`, every run of token
    characters in `text` is such a candidate too (one flagged line). Overlapping or touching
    spans merge into one, so no part of either shows in clear. Each widening reads only text no
    earlier one read, candidates are looked for only outside what is already hidden, and with
    `limit` the work stops once that many characters are out: thousands of spans on one long
    line stay linear, and a snippet costs what it shows."""
    todo = sorted(spans)
    out: list[str] = []
    pos = size = i = 0  # text[:pos] is in `out`, `size` characters long; todo[i] is next
    cur: list[int] | None = None  # the span being widened: [start, end]
    cand = _TOKEN_RUN.search(text) if candidates else None
    while True:
        if cand is not None and cur is not None and cand.start() < cur[1]:
            cand = _TOKEN_RUN.search(text, cur[1])  # runs inside a hidden token end inside it
            continue
        if i < len(todo) and (cand is None or todo[i][0] <= cand.start()):
            s, e, always = todo[i]
            i += 1
        elif cand is not None:
            (s, e), always = cand.span(), False
            cand = _TOKEN_RUN.search(text, e)
        else:
            break
        if e <= s:
            continue
        if cur is not None and s <= cur[1]:
            if e > cur[1]:
                cur[1] = _TOKEN_AFTER.match(text, e).end()  # type: ignore[union-attr]
            continue
        if cur is not None:
            size += _emit(text, pos, cur, out)
            pos = cur[1]
            cur = None
        if limit is not None and size + s - pos > limit:
            break  # everything from here on is past what will be shown
        if not always and not _high_entropy(text[s:e]):
            continue
        cur = [max(pos, _start_of_token(text, s)), _TOKEN_AFTER.match(text, e).end()]  # type: ignore[union-attr]
    if cur is not None:
        size += _emit(text, pos, cur, out)
        pos = cur[1]
    # Past `limit` nothing shows, and no span is left to hide before it.
    out.append(text[pos:] if limit is None else text[pos : pos + max(0, limit - size) + 1])
    return "".join(out)


def _emit(text: str, pos: int, span: list[int], out: list[str]) -> int:
    shown = redact(text[span[0] : span[1]])
    out += [text[pos : span[0]], shown]
    return span[0] - pos + len(shown)


def line_bounds(text: str, starts: list[int], line: int) -> tuple[int, int]:
    """Offsets of 1-based `line` of `text` (lines end at "\\n", as the detector counts them);
    `starts` is the offset where each line starts."""
    start = starts[line - 1]
    end = starts[line] - 1 if line < len(starts) else len(text)
    return start, end


def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def snippet(text: str, start: int, end: int, secrets: Iterable[tuple[int, int]], limit: int = SNIPPET_LIMIT) -> str:
    """The line text[start:end] with every secret span on it (offsets in `text`; a span may
    reach into other lines) and every other high-entropy token redacted, its line separators
    shown as spaces, stripped and cut to `limit` characters."""
    line = text[start : min(end, start + 1_000_000)]  # a span starting later than that never shows
    local = [(max(s, start) - start, min(e, end) - start, True) for s, e in secrets if s < end and e > start]
    indent = len(line) - len(line.lstrip())
    redacted = redact_spans(line, local, indent + limit + 1, candidates=True)
    shown = _SEPARATOR.sub(" ", redacted).strip()
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def redact_text(text: str) -> str:
    """`text` with every secret the detector finds, every password in a URL, and every other
    high-entropy token on a line holding one of those, redacted."""
    # On use only: the detector's formats take ~70 ms to import, and most scans report no error.
    from scanner.secrets.detect import detect
    from scanner.secrets.generic import uri_userinfo

    spans = [(d.start, d.end, True) for d in detect(text)] + [(s, e, True) for s, e in uri_userinfo(text)]
    if not spans:
        return text
    starts = line_starts(text)
    flagged = set()
    for s, e, _ in spans:
        first = bisect.bisect_right(starts, s)
        last = bisect.bisect_right(starts, max(s, e - 1))
        flagged.update(range(first, last + 1))
    for line in sorted(flagged):
        line_start, line_end = line_bounds(text, starts, line)
        spans += [(*m.span(), False) for m in _TOKEN_RUN.finditer(text, line_start, line_end)]
    return redact_spans(text, spans)

"""What a finding may show of a secret: its type, a short prefix, its length; and a stable key.
`redact_text` applies the same detector to text mlcomply writes about a file (parser messages,
URLs, exception text), so that no output shows a secret in clear, an error message included."""

from __future__ import annotations

import hashlib

import ahocorasick

MAX_PREFIX = 4
REDACTED = "****"


def shown_prefix(secret: str) -> str:
    """At most 4 characters and at most a quarter of the secret (a short password shows less)."""
    return secret[: min(MAX_PREFIX, len(secret) // 4)]


def redact(secret: str) -> str:
    return f"{shown_prefix(secret)}{REDACTED} ({len(secret)} chars)"


def secret_key(secret: str) -> str:
    """Identity of a secret for fingerprints: the same value in the same file is one finding
    wherever it moves. A salted-free SHA-256 is fine here: it is never shown, only compared."""
    return "sha256:" + hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def redact_line(line: str, secrets: list[str], limit: int = 200) -> str:
    """The line with every secret on it replaced, cut to `limit` characters.

    One pass over the line whatever the number of secrets (a minified file can hold thousands on
    one line). Where occurrences of two secrets overlap, the longest one starting first is shown
    redacted and the rest of the overlap is hidden too, so no part of either shows in clear."""
    distinct = {s for s in secrets if s}
    if len(distinct) == 1:
        (secret,) = distinct
        line = line.replace(secret, redact(secret))
    elif distinct:
        line = _redact_all(line, distinct)
    line = line.strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


def redact_text(text: str) -> str:
    """`text` with every secret the detector finds, and every password in a URL, redacted."""
    # On use only: the detector's formats take ~70 ms to import, and most scans report no error.
    from scanner.secrets.detect import detect
    from scanner.secrets.generic import uri_userinfo

    spans = sorted([(d.start, d.end) for d in detect(text)] + list(uri_userinfo(text)))
    if not spans:
        return text
    out, pos = [], 0
    for start, end in spans:
        if end <= pos:
            continue
        start = max(start, pos)  # overlapping spans: the rest of the later one
        out.append(text[pos:start])
        out.append(redact(text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _redact_all(line: str, secrets: set[str]) -> str:
    automaton = ahocorasick.Automaton()
    for secret in secrets:
        automaton.add_word(secret, secret)
    automaton.make_automaton()
    longest: dict[int, str] = {}  # start offset -> longest secret starting there
    for end, secret in automaton.iter(line):
        start = end + 1 - len(secret)
        if len(secret) > len(longest.get(start, "")):
            longest[start] = secret
    parts: list[str] = []
    covered = 0  # end of the text already replaced
    for start in sorted(longest):
        end = start + len(longest[start])
        if end <= covered:
            continue
        if start < covered:  # overlaps the previous occurrence: hide what sticks out
            parts.append(REDACTED)
        else:
            parts += [line[covered:start], redact(longest[start])]
        covered = end
    parts.append(line[covered:])
    return "".join(parts)

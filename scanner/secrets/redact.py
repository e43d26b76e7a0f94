"""What a finding may show of a secret: its type, a short prefix, its length; and a stable key.
`redact_text` applies the same detector to text mlcomply writes about a file (parser messages,
URLs, exception text), so that no output shows a secret in clear, an error message included."""

from __future__ import annotations

import hashlib

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
    """The line with every secret on it replaced, cut to `limit` characters."""
    for secret in sorted(secrets, key=len, reverse=True):
        line = line.replace(secret, redact(secret))
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

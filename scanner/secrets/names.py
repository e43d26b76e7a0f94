"""Names that hold secrets, and URIs that embed a password: shared by the rules that find
literal credentials in configs (Kubernetes env, Airflow arguments)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SECRET_WORDS = re.compile(
    r"pass(word|wd)?$|secret|token$|api_?key|access_?key|private_?key|credentials?$|(^|_)auth$",
    re.IGNORECASE,
)
# Names that refer to a secret kept elsewhere rather than holding one.
_REFERENCE = re.compile(r"_(name|id|arn|ref|path|file|conn_id|var|key_id|type|env)$", re.IGNORECASE)
URI_WITH_PASSWORD = re.compile(r"\b[a-z][a-z0-9+.\-]*://[^\s:/@]*:([^\s@/]+)@[^\s/]+", re.IGNORECASE)
# Documentation placeholders, not credentials.
PLACEHOLDERS = frozenset({"password", "pass", "passwd", "pwd", "secret", "xxx", "xxxx", "changeme", "***", "****"})


def is_secret_name(name: str) -> bool:
    return bool(_SECRET_WORDS.search(name)) and not _REFERENCE.search(name)


def uris_with_password(text: str) -> list[str]:
    return [m.group() for m in URI_WITH_PASSWORD.finditer(text) if m.group(1).lower() not in PLACEHOLDERS]


def redact_uri(uri: str) -> str:
    parts = urlsplit(uri)
    return f"{parts.scheme}://***@{parts.hostname or '?'}"

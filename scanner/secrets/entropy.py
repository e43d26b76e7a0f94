"""Shannon entropy and the shapes of strings that look random but are not secrets."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

_HEX = re.compile(r"[0-9a-fA-F]+")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# Lengths of the hex digests people commit: MD5, SHA-1 / git, SHA-224, SHA-256, SHA-384, SHA-512.
_DIGEST_LENGTHS = frozenset({32, 40, 56, 64, 96, 128})


def shannon(value: str) -> float:
    """Bits per character."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def is_hex_digest(value: str) -> bool:
    """A bare hex string of a digest's length (hash, git SHA, checksum)."""
    return len(value) in _DIGEST_LENGTHS and _HEX.fullmatch(value) is not None


def is_uuid(value: str) -> bool:
    return _UUID.fullmatch(value.strip("{}")) is not None


def has_classes(value: str, minimum: int) -> bool:
    """At least `minimum` of: lowercase, uppercase, digit."""
    classes = (
        any(map(str.islower, value)),  # map: the per-character loop stays in C
        any(map(str.isupper, value)),
        any(map(str.isdigit, value)),
    )
    return sum(classes) >= minimum


def is_sequence(value: str) -> bool:
    """Mostly consecutive characters (`abcdefghij...`, `123456789...`): a stand-in typed by hand.
    A random body of 16+ characters has few neighbours one code point apart."""
    steps = sum(1 for a, b in itertools.pairwise(value) if ord(b) - ord(a) == 1)
    return len(value) > 1 and steps * 2 >= len(value) - 1

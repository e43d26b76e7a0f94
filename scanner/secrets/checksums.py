"""Checksums some providers embed in their tokens, so a random look-alike can be told apart.

GitHub's prefixed tokens (ghp_, gho_, ghu_, ghs_, ghr_) are `prefix + 30 random base62 chars +
6 base62 chars`: the last six encode the CRC32 of the 30 random characters, zero-padded
(github.blog, "Behind GitHub's new authentication token formats", 2021-04-05).
"""

from __future__ import annotations

import zlib

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(number: int, width: int) -> str:
    out = ""
    while number:
        number, digit = divmod(number, 62)
        out = BASE62[digit] + out
    return out.rjust(width, "0")


def github_checksum_ok(token: str) -> bool:
    """`token` is the whole token including its 4-character prefix."""
    body, check = token[4:-6], token[-6:]
    return len(body) == 30 and base62(zlib.crc32(body.encode()), 6) == check


def github_token(prefix: str, body30: str) -> str:
    """A checksum-valid token for tests and examples (the body should be obviously fake)."""
    return prefix + body30 + base62(zlib.crc32(body30.encode()), 6)

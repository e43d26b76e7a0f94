"""The Merkle root of a set of files (construction `mlcomply-merkle/v1`, docs/integrity.md).

Leaves are the files sorted by their POSIX path (byte order of the UTF-8 path), so the root does
not depend on the order a walk yields them in. With H = SHA-256:

    leaf = H(0x00 || path || 0x00 || sha256(file bytes))      (path: UTF-8; sha256: 32 raw bytes)
    node = H(0x01 || left || right)
    a level with an odd count promotes its last node unchanged to the next level
    root of no files = H(b"")

The 0x00/0x01 prefixes separate leaves from inner nodes (as RFC 6962 does), so no inner node can
be passed off as a leaf; the path is in the leaf, so a renamed file changes the root.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable
from typing import IO

CONSTRUCTION = "mlcomply-merkle/v1"
CHUNK = 1 << 20


def file_sha256(fh: IO[bytes]) -> tuple[str, int]:
    """Hex SHA-256 and size of an open file, read in 1 MiB chunks (constant memory)."""
    h = hashlib.sha256()
    size = 0
    while chunk := fh.read(CHUNK):
        h.update(chunk)
        size += len(chunk)
    return h.hexdigest(), size


def leaf_hash(path: str, sha256_hex: str) -> bytes:
    return hashlib.sha256(
        b"\x00" + path.encode("utf-8", "surrogateescape") + b"\x00" + bytes.fromhex(sha256_hex)
    ).digest()


def _sort_key(path: str) -> bytes:
    return path.encode("utf-8", "surrogateescape")


def merkle_root(files: Iterable[tuple[str, str]]) -> str:
    """Hex root over (path, hex sha256) pairs, in any order; a path given twice is an error."""
    ordered = sorted(files, key=lambda f: _sort_key(f[0]))
    for a, b in itertools.pairwise(ordered):
        if a[0] == b[0]:
            raise ValueError(f"merkle root: path {a[0]!r} given twice")
    level = [leaf_hash(path, digest) for path, digest in ordered]
    if not level:
        return hashlib.sha256(b"").hexdigest()
    while len(level) > 1:
        nxt = [hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0].hex()

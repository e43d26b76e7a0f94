"""Declared content digests: `<alg>:<lowercase hex>` (OCI style; DVC's `.dir` suffix allowed)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import IO

# Hex length per algorithm, so that a truncated value (MLflow's 8-char fingerprint) is not a hash.
HEX_LENGTH = {
    "md5": 32,
    "sha1": 40,
    "sha224": 56,
    "sha256": 64,
    "sha384": 96,
    "sha512": 128,
    "sha3-224": 56,
    "sha3-256": 64,
    "sha3-384": 96,
    "sha3-512": 128,
    "blake2b": 128,
    "blake2s": 64,
    "blake3": 64,
    "mlcomply-merkle-v1": 64,  # a dataset's Merkle root (scanner.integrity.merkle), not a file's bytes
}
WEAK = frozenset({"md5", "sha1"})
_DIGEST = re.compile(r"^(?P<alg>[a-z0-9-]+):(?P<hex>[0-9a-f]+)(?P<dir>\.dir)?$")
CHUNK = 1 << 20


@dataclass(frozen=True)
class Digest:
    algorithm: str
    hex: str
    directory: bool = False  # DVC hashes a directory listing, not bytes we can stream

    @property
    def strong(self) -> bool:
        return self.algorithm not in WEAK

    def __str__(self) -> str:
        return f"{self.algorithm}:{self.hex}{'.dir' if self.directory else ''}"


def parse(value: str) -> Digest | None:
    """A digest, or None when `value` is not `<known alg>:<hex of the right length>`."""
    m = _DIGEST.match(value.strip())
    if m is None:
        return None
    alg = m["alg"]
    if alg == "sha-256":  # RFC 3230 / SRI spelling
        alg = "sha256"
    if HEX_LENGTH.get(alg) != len(m["hex"]):
        return None
    return Digest(alg, m["hex"], m["dir"] is not None)


def hashlib_name(algorithm: str) -> str | None:
    name = algorithm.replace("-", "_")
    return name if name in hashlib.algorithms_available else None


def file_digest(fh: IO[bytes], algorithm: str) -> str:
    """Hex digest of an open file (the caller opens it through the guarded open), streamed in
    1 MiB chunks (data files can be gigabytes)."""
    name = hashlib_name(algorithm)
    if name is None:
        raise ValueError(f"hash algorithm {algorithm} is not available")
    h = hashlib.new(name)
    while chunk := fh.read(CHUNK):
        h.update(chunk)
    return h.hexdigest()

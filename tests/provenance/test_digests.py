from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from scanner.provenance import digests


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("sha256:" + "a" * 64, ("sha256", True, False)),
        ("sha-256:" + "a" * 64, ("sha256", True, False)),
        ("sha512:" + "0" * 128, ("sha512", True, False)),
        ("blake3:" + "0" * 64, ("blake3", True, False)),
        ("md5:153aad06d376b6595932470e459ef42a", ("md5", False, False)),
        ("md5:153aad06d376b6595932470e459ef42a.dir", ("md5", False, True)),
        ("sha1:" + "f" * 40, ("sha1", False, False)),
        ("md5:153aad06", None),  # MLflow's 8-character dataset fingerprint
        ("sha256:" + "A" * 64, None),  # upper-case hex is not the canonical form
        ("153aad06d376b6595932470e459ef42a", None),  # no algorithm
        ("crc32:deadbeef", None),
    ],
)
def test_parse(value: str, expected: tuple[str, bool, bool] | None) -> None:
    d = digests.parse(value)
    assert (None if d is None else (d.algorithm, d.strong, d.directory)) == expected


@pytest.mark.parametrize("algorithm", ["md5", "sha256", "sha3-256", "blake2b"])
def test_file_digest_streams_files_larger_than_a_chunk(algorithm: str, tmp_path: Path) -> None:
    data = bytes(range(256)) * (digests.CHUNK // 256 * 2 + 3)
    path = tmp_path / "blob"
    path.write_bytes(data)
    with path.open("rb") as fh:
        assert digests.file_digest(fh, algorithm) == hashlib.new(algorithm.replace("-", "_"), data).hexdigest()

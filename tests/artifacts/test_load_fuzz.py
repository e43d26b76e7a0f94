"""Hostile bytes under every artifact name: a document or a LoadError, never a crash."""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner.artifacts import load as model_artifact
from scanner.artifacts import pickle_scan
from scanner.artifacts.names import SUFFIXES
from scanner.documents import LoadError
from scanner.walk import FileEntry

PREFIXES = [
    b"",
    b"\x80\x02",
    b"\x80\x04\x95",
    b"PK\x03\x04",
    b"\x93NUMPY\x01\x00",
    b"\x1f\x8b",
    b"BZh",
    b"x\x9c",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=300),
    suffix=st.sampled_from(sorted(SUFFIXES - {".h5", ".hdf5"})),
)
def test_random_bytes_never_crash(prefix: bytes, body: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"m{suffix}"
        path.write_bytes(prefix + body)
        entry = FileEntry(rel=path.name, abs=path, size=path.stat().st_size, binary=True)
        try:
            [doc] = model_artifact.load(entry)
        except LoadError:
            return
        assert doc.data["format"]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200))
def test_random_compressed_pickles_never_crash(body: bytes) -> None:
    for wrapped in (gzip.compress(body), bz2.compress(body)):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "m.joblib"
            path.write_bytes(wrapped)
            model_artifact.load(FileEntry(rel="m.joblib", abs=path, size=len(wrapped), binary=True))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_pickle_scan_raises_only_pickle_error(data: bytes) -> None:
    with contextlib.suppress(pickle_scan.PickleError):
        pickle_scan.scan(io.BytesIO(data))

"""Containers around pickles and model configs: zip (PyTorch, .npz, .keras), legacy PyTorch,
compressed joblib, NumPy .npy headers and Keras HDF5. Everything is read as a stream."""

from __future__ import annotations

import ast
import bz2
import gzip
import io
import json
import lzma
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any

from scanner.artifacts.pickle_scan import StreamBudgetExceeded
from scanner.loaders import nesting

ZIP_MAGIC = b"PK\x03\x04"
NPY_MAGIC = b"\x93NUMPY"
PICKLE_PROTO = 0x80
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
# Legacy (pre-1.6) torch.save writes up to five pickles back to back before the raw storages.
LEGACY_TORCH_PICKLES = 5
MAX_NPY_HEADER = 1 << 16


class ZlibReader(io.RawIOBase):
    """A readable stream over a zlib-compressed stream (joblib's default codec)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw, self._z, self._buf = raw, zlib.decompressobj(), b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        # Bounded output per step, so a small compressed bomb cannot fill memory at once.
        while not self._buf:
            if self._z.unconsumed_tail:
                data = self._z.unconsumed_tail
            elif self._z.eof:
                break
            else:
                data = self._raw.read(1 << 16)
                if not data:
                    self._buf = self._z.flush()
                    break
            self._buf = self._z.decompress(data, 1 << 20)
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


class Meter:
    """Bytes decompressed (or read from zip members) for one file, against a budget."""

    def __init__(self, limit: int) -> None:
        self.limit, self.used = limit, 0

    def charge(self, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise StreamBudgetExceeded(
                f"analysis stopped: more than {self.limit} bytes decompressed", "max_decompressed_bytes"
            )


class MeteredReader(io.RawIOBase):
    """A readable stream that charges a Meter for every byte it passes on."""

    def __init__(self, raw: IO[bytes], meter: Meter) -> None:
        self._raw, self._meter = raw, meter

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self._raw.read(min(len(b), 1 << 20))
        self._meter.charge(len(data))
        n = len(data)
        b[:n] = data
        return n


def metered(raw: IO[bytes], meter: Meter) -> IO[bytes]:
    return io.BufferedReader(MeteredReader(raw, meter))


# Bytes of central directory allowed per member of the budget: ZipFile parses the whole
# directory whatever count the zip declares, so its size bounds the members too.
CENTRAL_DIRECTORY_BYTES_PER_MEMBER = 1024


def too_many_members(fh: IO[bytes], limit: int) -> str | None:
    """Why a zip has more members than `limit`, read from its end-of-central-directory record
    (zip64 included) before ZipFile builds an object per member; None when within it."""
    try:
        record = zipfile._EndRecData(fh)  # type: ignore[attr-defined]  # stable since Python 2
    except (OSError, AttributeError, struct.error):
        return None  # ZipFile reports what is wrong
    finally:
        fh.seek(0)
    if not record:
        return None
    count, size = int(record[zipfile._ECD_ENTRIES_TOTAL]), int(record[zipfile._ECD_SIZE])  # type: ignore[attr-defined]
    if count > limit:
        return f"{count} members, more than {limit}"
    if size > limit * CENTRAL_DIRECTORY_BYTES_PER_MEMBER:
        return f"a central directory of {size} bytes, room for more than {limit} members"
    return None


def decompressed(head: bytes, fh: IO[bytes]) -> IO[bytes] | None:
    """A decompressing stream when `head` is a gzip, bz2, xz/lzma or zlib header."""
    if head.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=fh)  # type: ignore[return-value]
    if head.startswith(b"BZh"):
        return bz2.BZ2File(fh)  # type: ignore[return-value]
    if head.startswith((b"\xfd7zXZ", b"\x5d\x00\x00")):
        return lzma.LZMAFile(fh)  # type: ignore[return-value]
    if head[:1] == b"\x78" and head[1:2] in (b"\x01", b"\x5e", b"\x9c", b"\xda"):
        return io.BufferedReader(ZlibReader(fh))
    return None


def npy_header(fh: IO[bytes]) -> dict[str, Any]:
    """The header dict of a .npy stream positioned at its magic; leaves `fh` at the data."""
    magic = fh.read(8)
    if not magic.startswith(NPY_MAGIC) or len(magic) < 8:
        raise ValueError("not a .npy file")
    major = magic[6]
    size_fmt = "<H" if major == 1 else "<I"
    raw_len = fh.read(struct.calcsize(size_fmt))
    (length,) = struct.unpack(size_fmt, raw_len)
    if length > MAX_NPY_HEADER:
        raise ValueError(f".npy header of {length} bytes is implausibly large")
    text = fh.read(length).decode("latin-1")
    header = ast.literal_eval(text)  # a Python dict literal, by the format's definition
    if not isinstance(header, dict) or "descr" not in header:
        raise ValueError(".npy header is not a dict with 'descr'")
    return header


def is_object_dtype(descr: Any) -> bool:
    """An object dtype anywhere in the descr (structured dtypes nest) means pickled data."""
    if isinstance(descr, str):
        return descr.lstrip("|<>=").startswith("O")
    if isinstance(descr, (list, tuple)):
        return any(is_object_dtype(d) for d in descr)
    return False


def zip_members(zf: zipfile.ZipFile, suffixes: tuple[str, ...]) -> Iterator[zipfile.ZipInfo]:
    for info in zf.infolist():
        if not info.is_dir() and info.filename.lower().endswith(suffixes):
            yield info


def lambda_layers(config: Any) -> list[str]:
    """Names of Keras `Lambda` layers anywhere in a model config (nested models included)."""
    out: list[str] = []
    stack = [config]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("class_name") == "Lambda":
                cfg = node.get("config")
                out.append(str(cfg.get("name", "?")) if isinstance(cfg, dict) else "?")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return sorted(out)


def keras_h5_config(fh: IO[bytes]) -> Any:
    """The model config of a Keras HDF5 file, or None; needs the optional h5py. It reads the
    already opened file (h5py takes file objects), so the guarded open is the only open."""
    import h5py  # optional dependency: `pip install mlcomply[h5]`

    fh.seek(0)
    with h5py.File(fh, "r") as f:
        raw = f.attrs.get("model_config")
    if raw is None:
        return None
    text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    nesting.check(text, "Keras model_config (JSON)")
    return json.loads(text)

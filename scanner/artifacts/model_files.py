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
    return json.loads(raw.decode("utf-8") if isinstance(raw, bytes) else str(raw))

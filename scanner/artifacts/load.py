"""Model artifacts, analysed as a stream and never loaded: pickles (.pkl, joblib, dill), PyTorch
(zip and legacy), NumPy .npy/.npz, Keras .keras and .h5.

`data` = {"format", "size", "pickles": [{"member", "imports": [...], "error"}],
"object_arrays": [member, ...], "lambda_layers": [...]}; `member` is the zip member or "".
"""

from __future__ import annotations

import json
import lzma
import struct
import zipfile
import zlib
from pathlib import PurePosixPath
from typing import IO, Any

from scanner.artifacts import model_files, pickle_scan
from scanner.artifacts.names import TORCH_SUFFIXES
from scanner.documents import Document, LoadError
from scanner.loaders import budgets, nesting
from scanner.loaders.budgets import BudgetExceeded
from scanner.walk import FileEntry

LFS_POINTER = b"version https://git-lfs.github.com/spec/"


# Budgets shared by everything in one file: once spent, nothing more of the file is read.
_PER_FILE = frozenset({"max_decompressed_bytes", "max_pickle_opcodes"})


class _Analysis:
    def __init__(self, fmt: str, size: int) -> None:
        self.data: dict[str, Any] = {
            "format": fmt,
            "size": size,
            "pickles": [],
            "object_arrays": [],
            "lambda_layers": [],
        }
        # The first budget hit (message, budget): the file gets a `limit` error, and what was
        # analysed before it is kept.
        self.limit: tuple[str, str] | None = None
        self.meter = model_files.Meter(budgets.current().max_decompressed_bytes)
        self.allowance = pickle_scan.Allowance(budgets.current().max_pickle_opcodes)

    def stopped(self, message: str, budget: str) -> None:
        if self.limit is None:
            self.limit = (message, budget)

    def pickle(self, stream: IO[bytes], member: str, count: int = 1) -> None:
        """Analyse up to `count` pickles back to back (legacy torch.save writes several)."""
        for _ in range(count):
            imports: list[pickle_scan.Import] = []
            entry: dict[str, Any] = {"member": member, "imports": [], "error": None}
            try:
                imports = pickle_scan.scan(stream, self.allowance)
            except pickle_scan.PickleBudgetExceeded as exc:
                # Not fully analysed, so never "safe": the rules see the error too.
                imports, entry["error"] = exc.imports, str(exc)
                self.stopped(f"analyse {member or 'pickle'}: {exc}", exc.budget)
            except pickle_scan.PickleError as exc:
                # What came before the bad byte would already have run under pickle.load.
                imports, entry["error"] = exc.imports, f"not a well-formed pickle: {exc}"
            except (OSError, EOFError, zipfile.BadZipFile, lzma.LZMAError, zlib.error) as exc:
                entry["error"] = f"cannot read the stream: {exc}"
            entry["imports"] = [i.to_dict() for i in imports]
            self.data["pickles"].append(entry)
            if entry["error"] is not None:
                return
            try:
                if not _next_is_pickle(stream):
                    return
            except pickle_scan.StreamBudgetExceeded as exc:
                self.stopped(f"analyse {member or 'pickle'}: {exc}", exc.budget)
                return

    def npy(self, stream: IO[bytes], member: str) -> None:
        try:
            header = model_files.npy_header(stream)
        except (ValueError, SyntaxError, MemoryError, struct.error) as exc:
            raise LoadError(f"analyse {member or 'file'}: not a valid .npy header ({exc})") from None
        if model_files.is_object_dtype(header.get("descr")):
            self.data["object_arrays"].append(member)
            self.pickle(stream, member)

    def zip(self, fh: IO[bytes]) -> None:
        limit = budgets.current().max_zip_members
        too_many = model_files.too_many_members(fh, limit)
        if too_many is not None:
            self.stopped(f"analyse zip archive: {too_many}; not analysed", "max_zip_members")
            return
        try:
            zf = zipfile.ZipFile(fh)
            for info in model_files.zip_members(zf, (".pkl", ".npy", "config.json")):
                with zf.open(info) as raw:
                    member = model_files.metered(raw, self.meter)
                    if info.filename.endswith(".pkl"):
                        self.pickle(member, info.filename)
                    elif info.filename.endswith(".npy"):
                        self.npy(member, info.filename)
                    elif info.filename == "config.json" and info.file_size < (16 << 20):
                        self.config_json(member.read(16 << 20), info.filename)
                if self.limit is not None and self.limit[1] in _PER_FILE:
                    return  # the budget is per file: the members left are not read
        except pickle_scan.StreamBudgetExceeded as exc:  # outside a pickle: a .npy header, config.json
            self.stopped(f"analyse zip archive: {exc}", exc.budget)
        except (zipfile.BadZipFile, ValueError, RecursionError, NotImplementedError, RuntimeError) as exc:
            # RuntimeError: an encrypted member; ValueError covers bad JSON and bad UTF-8.
            raise LoadError(f"analyse zip archive: {exc}") from None

    def config_json(self, raw: bytes, member: str) -> None:
        try:
            nesting.check(raw, f"{member} (JSON)")
        except BudgetExceeded as exc:
            self.stopped(exc.bare, exc.budget)
            return
        self.keras_config(json.loads(raw))

    def keras_config(self, config: Any) -> None:
        self.data["lambda_layers"].extend(model_files.lambda_layers(config))


def _next_is_pickle(stream: IO[bytes]) -> bool:
    peek = getattr(stream, "peek", None)
    try:
        head = peek(1)[:1] if peek else b""
    except (OSError, EOFError, lzma.LZMAError, zlib.error):
        return False
    return head == bytes([model_files.PICKLE_PROTO])


def _format(suffix: str, head: bytes) -> str:
    if head.startswith(LFS_POINTER):
        return "lfs-pointer"
    if head.startswith(model_files.ZIP_MAGIC):
        return {".keras": "keras", ".npz": "npz"}.get(suffix, "pytorch-zip")
    if head.startswith(model_files.NPY_MAGIC):
        return "npy"
    if head.startswith(model_files.HDF5_MAGIC):
        return "hdf5"
    if suffix in TORCH_SUFFIXES:
        return "pytorch-legacy" if head[:1] == bytes([model_files.PICKLE_PROTO]) else "unknown"
    return "pickle"


def load(entry: FileEntry) -> list[Document]:
    suffix = PurePosixPath(entry.rel).suffix.lower()
    max_bytes = budgets.current().max_model_bytes
    if entry.size > max_bytes:
        raise BudgetExceeded(
            f"analyse model file: {entry.size} bytes, larger than {max_bytes}; not analysed", "max_model_bytes"
        )
    with entry.open() as fh:  # buffered: `peek` finds the next legacy-torch pickle
        head = fh.read(len(LFS_POINTER))
        fh.seek(0)
        fmt = _format(suffix, head)
        analysis = _Analysis(fmt, entry.size)
        if fmt in ("keras", "npz", "pytorch-zip"):
            analysis.zip(fh)
        elif fmt == "npy":
            analysis.npy(fh, "")
        elif fmt == "hdf5":
            try:
                config = model_files.keras_h5_config(fh)
            except ImportError:
                msg = "analyse Keras HDF5: h5py is not installed (pip install 'mlcomply[h5]')"
                raise LoadError(msg) from None
            except (OSError, ValueError, KeyError, RuntimeError, TypeError) as exc:
                raise LoadError(f"analyse HDF5: {exc}") from None
            analysis.keras_config(config)
        elif fmt in ("unknown", "lfs-pointer"):  # content not in the checkout, or not ours
            pass
        elif (inner := model_files.decompressed(head, fh)) is not None:
            analysis.data["format"] = "pickle-compressed"
            analysis.pickle(model_files.metered(inner, analysis.meter), "", model_files.LEGACY_TORCH_PICKLES)
        else:
            analysis.pickle(fh, "", model_files.LEGACY_TORCH_PICKLES)
    doc = Document(kind="model-artifact", path=entry.rel, data=analysis.data)
    if analysis.limit is not None:
        message, budget = analysis.limit
        raise BudgetExceeded(message, budget, documents=[doc])
    return [doc]

"""Binary model artifacts for tests, built by writing bytes: nothing here is ever unpickled."""

from __future__ import annotations

import io
import json
import os
import pickle
import struct
import zipfile
from typing import Any


class Payload:
    """Dumping this is safe; loading it would run `cmd` (tests never load it)."""

    def __init__(self, cmd: str) -> None:
        self.cmd = cmd

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (self.cmd,))


def torch_zip(inner: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("archive/data.pkl", inner)
        z.writestr("archive/data/0", b"\0" * 16)
        z.writestr("archive/version", "3\n")
    return buf.getvalue()


def torch_legacy(inner: bytes) -> bytes:
    # torch.save before 1.6: magic, protocol version, sys info, the object, storage keys, storages.
    head = [0x1950A86A20F9469CFC6C, 1001, {"protocol_version": 1001, "little_endian": True}]
    parts = [pickle.dumps(h, protocol=2) for h in head]
    return b"".join([*parts, inner, pickle.dumps(["0"], protocol=2), b"\0" * 64])


def npy(descr: str, payload: bytes, shape: tuple[int, ...] = (1,)) -> bytes:
    header = repr({"descr": descr, "fortran_order": False, "shape": shape}).encode() + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + payload


def keras(layers: list[dict[str, Any]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.3.3"}))
        config = {"class_name": "Sequential", "config": {"name": "seq", "layers": layers}}
        z.writestr("config.json", json.dumps(config))
    return buf.getvalue()


def lambda_layer(name: str) -> dict[str, Any]:
    return {"class_name": "Lambda", "config": {"name": name, "function": {"class_name": "__lambda__"}}}


def dense_layer(name: str) -> dict[str, Any]:
    return {"class_name": "Dense", "config": {"name": name, "units": 1}}


def unknown_class_pickle(module: str, name: str) -> bytes:
    """Protocol 2 pickle that would instantiate `module.name` (GLOBAL + EMPTY_TUPLE + REDUCE)."""
    return b"\x80\x02c" + f"{module}\n{name}\n".encode() + b")R."


# Hostile pickles for the analysis budgets, written opcode by opcode (protocol 4).
PROTO4 = b"\x80\x04"
OS_SYSTEM = b"\x8c\x02os\x94\x8c\x06system\x94\x93\x94"  # STACK_GLOBAL os.system


def hostile_pickle(body: bytes, head: bytes = OS_SYSTEM) -> bytes:
    """A dangerous import first, then `body`, then STOP."""
    return PROTO4 + head + body + b"."


def declared_string(n: int) -> bytes:
    """BINUNICODE declaring `n` bytes, followed by them: a string genops must not hold."""
    return b"X" + n.to_bytes(4, "little") + b"a" * n + b"0"


def memoize(n: int) -> bytes:
    return b"N" + b"\x94" * n + b"0"


def nones(n: int) -> bytes:
    """`n` NONE opcodes with nothing popped: a stack `n` deep."""
    return b"N" * n


def none_pop(n: int) -> bytes:
    """2n opcodes, a stack never deeper than one."""
    return b"N0" * n


class _JoblibWrapper:
    """Stands in for joblib.numpy_pickle.NumpyArrayWrapper when a test pickles (never loads) it."""

    def __init__(self, array: Any, alignment: int | None) -> None:
        self.subclass = type(array)
        self.shape = array.shape
        self.order = "C"
        self.dtype = array.dtype
        self.allow_mmap = True
        if alignment is not None:
            self.numpy_array_alignment_bytes = alignment


_JoblibWrapper.__module__ = "joblib.numpy_pickle"
_JoblibWrapper.__qualname__ = _JoblibWrapper.__name__ = "NumpyArrayWrapper"


def joblib_dump(obj: Any, alignment: int | None = None) -> bytes:
    """What `joblib.dump` writes (protocol 3): each NumPy array as a NumpyArrayWrapper whose
    BUILD is followed by the array's raw bytes (after a padding byte and padding when aligned),
    then the rest of the pickle. Needs `joblib.numpy_pickle` registered in sys.modules."""
    import numpy

    buf = io.BytesIO()

    class Pickler(pickle._Pickler):  # the pure-Python pickler exposes `save` and `write`
        def save(self, o: Any, save_persistent_id: bool = True) -> None:
            if isinstance(o, numpy.ndarray) and not o.dtype.hasobject:
                super().save(_JoblibWrapper(o, alignment))
                if alignment is not None:
                    pad = alignment - (buf.tell() + 1) % alignment
                    self.write(bytes([pad]) + b"\xff" * pad)
                self.write(o.tobytes("C"))
                return
            super().save(o, save_persistent_id)

    Pickler(buf, protocol=3).dump(obj)
    return buf.getvalue()

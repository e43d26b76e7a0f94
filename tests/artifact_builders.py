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

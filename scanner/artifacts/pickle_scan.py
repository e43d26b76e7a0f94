"""Static analysis of pickle streams: which globals a pickle would import, never unpickling it.

Unpickling runs code: any `module.name` a pickle imports (GLOBAL, INST, STACK_GLOBAL) can be
called by REDUCE. So we walk the opcodes with `pickletools.genops` (a stream reader that stops at
STOP), keep a model of the stack just precise enough to know what STACK_GLOBAL pops, and
classify every import: `unsafe` (known code execution), `safe` (allowlisted ML globals), or
`unknown`. A STACK_GLOBAL whose operands are not plain strings hides its target: `unsafe`.
"""

from __future__ import annotations

import pickletools
from dataclasses import dataclass
from typing import IO, Any

# Whole modules (and their submodules) whose globals execute code, spawn processes, open
# network connections or reach the filesystem.
UNSAFE_MODULES = frozenset(
    {
        "os", "posix", "nt", "posixpath", "ntpath", "subprocess", "sys", "socket", "runpy", "pty",
        "shutil", "importlib", "commands", "webbrowser", "httplib", "http", "urllib", "urllib2",
        "requests", "ftplib", "telnetlib", "smtplib", "code", "codeop", "pdb", "bdb", "timeit",
        "ctypes", "multiprocessing", "asyncio", "marshal", "pickle", "_pickle", "cPickle", "dill",
        "shelve", "tempfile", "glob", "signal", "threading", "_thread", "platform", "pip", "setuptools",
        "distutils", "types", "inspect", "gc", "zipimport", "pkgutil",
    }
)  # fmt: skip
# Single globals that are gadgets even though their module is otherwise harmless.
UNSAFE_GLOBALS = {
    "builtins": {
        "eval", "exec", "execfile", "compile", "open", "getattr", "setattr", "delattr", "__import__",
        "globals", "locals", "vars", "input", "breakpoint", "help", "memoryview", "apply",
    },
    "operator": {"attrgetter", "methodcaller", "itemgetter", "call"},
    "functools": {"partial", "reduce"},
    "numpy.testing._private.utils": {"runstring"},
    "torch.hub": {"load", "load_state_dict_from_url", "download_url_to_file"},
    "torch.serialization": {"load"},
    "torch": {"load"},
    "torch.storage": {"_load_from_bytes"},
    "torch.jit": {"load"},
}  # fmt: skip
UNSAFE_GLOBALS["__builtin__"] = UNSAFE_GLOBALS["builtins"]

_TORCH_REBUILDS = {
    "_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_tensor_v3", "_rebuild_parameter",
    "_rebuild_parameter_with_state", "_rebuild_qtensor", "_rebuild_sparse_tensor",
    "_rebuild_device_tensor_from_numpy", "_rebuild_meta_tensor_no_storage",
    "_rebuild_wrapper_subclass", "_rebuild_nested_tensor", "_rebuild_sparse_csr_tensor",
}  # fmt: skip
_TORCH_TYPES = {
    "Size", "device", "dtype", "float16", "float32", "float64", "bfloat16", "half", "float", "double",
    "int8", "int16", "int32", "int64", "uint8", "bool", "complex64", "complex128", "long", "int",
}  # fmt: skip
_BUILTIN_TYPES = {
    "set", "frozenset", "slice", "range", "complex", "bytearray", "bytes", "dict", "list", "tuple",
    "int", "float", "bool", "str", "object",
}  # fmt: skip
SAFE_GLOBALS: dict[str, set[str]] = {
    "builtins": _BUILTIN_TYPES,
    "__builtin__": _BUILTIN_TYPES,
    "collections": {"OrderedDict", "defaultdict", "Counter", "deque"},
    "copy_reg": {"_reconstructor"},
    "copyreg": {"_reconstructor"},
    "_codecs": {"encode"},
    "datetime": {"datetime", "date", "time", "timedelta", "timezone"},
    "torch._utils": _TORCH_REBUILDS,
    "torch": _TORCH_TYPES,
    "torch.nn.parameter": {"Parameter"},
    "numpy": {"ndarray", "dtype"},
    "numpy.core.multiarray": {"_reconstruct", "scalar"},
    "numpy._core.multiarray": {"_reconstruct", "scalar"},
    "numpy.random._pickle": {"__randomstate_ctor", "__generator_ctor", "__bit_generator_ctor"},
    "joblib.numpy_pickle": {"NumpyArrayWrapper", "NDArrayWrapper"},
}

_STRING_OPS = frozenset(
    {"STRING", "BINSTRING", "SHORT_BINSTRING", "UNICODE", "BINUNICODE", "SHORT_BINUNICODE", "BINUNICODE8"}
)
_GET_OPS = frozenset({"GET", "BINGET", "LONG_BINGET"})
_PUT_OPS = frozenset({"PUT", "BINPUT", "LONG_BINPUT"})
_MARK = object()


@dataclass(frozen=True)
class Import:
    module: str
    name: str
    offset: int  # byte position of the opcode in the pickle stream
    verdict: str  # safe | unsafe | unknown
    opcode: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "global": f"{self.module}.{self.name}",
            "offset": self.offset,
            "verdict": self.verdict,
            "opcode": self.opcode,
        }


def _torch_storage(module: str, name: str) -> bool:
    return module in ("torch", "torch.storage", "torch.cuda") and name.endswith("Storage")


def classify(module: str, name: str) -> str:
    top = module.split(".", 1)[0]
    if top in UNSAFE_MODULES or name in UNSAFE_GLOBALS.get(module, ()):
        return "unsafe"
    if name in SAFE_GLOBALS.get(module, ()) or _torch_storage(module, name):
        return "safe"
    return "unknown"


def _as_str(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return None


class PickleError(ValueError):
    """A malformed stream. `imports` holds what was read before the bad byte: pickle.load
    would already have run those, so they still count."""

    def __init__(self, message: str, imports: list[Import]) -> None:
        super().__init__(message)
        self.imports = imports


# Opcode arguments above this size (tensor and array payloads) are skipped, not read into memory.
MAX_ARG_BYTES = 16 << 20
_SKIP_CHUNK = 1 << 20


class _Skipped:
    """Stands in for a large skipped argument: genops only checks its length."""

    def __init__(self, n: int) -> None:
        self._n = n

    def __len__(self) -> int:
        return self._n


class _Counting:
    """The stream genops reads: counts positions (for streams that cannot `tell`, such as
    decompressors and zip members) and keeps memory bounded whatever lengths a file claims."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream, self.pos = stream, 0

    def read(self, n: int = -1) -> bytes | _Skipped:
        if 0 <= n <= MAX_ARG_BYTES:
            data = self._stream.read(n)
            self.pos += len(data)
            return data
        skipped = 0
        while n < 0 or skipped < n:
            chunk = self._stream.read(_SKIP_CHUNK if n < 0 else min(_SKIP_CHUNK, n - skipped))
            if not chunk:
                break
            skipped += len(chunk)
        self.pos += skipped
        return _Skipped(skipped)

    def readline(self) -> bytes:
        # Protocol 0 arguments are lines; an endless "line" is cut off (and then fails to parse).
        data = self._stream.readline(MAX_ARG_BYTES)
        self.pos += len(data)
        return data

    def tell(self) -> int:
        return self.pos


def scan(stream: IO[bytes]) -> list[Import]:
    """Imports of one pickle, read from `stream` up to its STOP opcode.

    Raises PickleError (with the imports read so far) for a malformed stream.
    """
    found: list[Import] = []
    try:
        _scan(stream, found)
    except (ValueError, EOFError, OverflowError, IndexError) as exc:
        raise PickleError(str(exc), found) from None
    return found


def _scan(stream: IO[bytes], found: list[Import]) -> None:
    stack: list[Any] = []
    memo: dict[int, Any] = {}
    counting: Any = _Counting(stream)  # duck-typed: genops needs read, readline and tell
    for op, raw_arg, pos in pickletools.genops(counting):
        arg: Any = raw_arg
        name = op.name
        if name == "MARK":
            stack.append(_MARK)
            continue
        if name in _PUT_OPS or name == "MEMOIZE":
            memo[int(arg) if name in _PUT_OPS else len(memo)] = stack[-1] if stack else None
            continue
        before = op.stack_before
        if pickletools.stackslice in before:
            while stack and stack.pop() is not _MARK:
                pass
            before = [b for b in before if b not in (pickletools.markobject, pickletools.stackslice)]
        popped = [stack.pop() if stack else None for _ in before][::-1]
        if name in ("GLOBAL", "INST"):
            module, _, attr = str(arg).partition(" ")
            found.append(Import(module, attr, pos or 0, classify(module, attr), name))
        elif name == "STACK_GLOBAL":
            mod, qual = (_as_str(v) for v in popped)
            if mod is None or qual is None:
                found.append(Import("<dynamic>", "<dynamic>", pos or 0, "unsafe", name))
            else:
                found.append(Import(mod, qual, pos or 0, classify(mod, qual), name))
        if name in _STRING_OPS:
            stack.append(arg)
        elif name in _GET_OPS:
            stack.append(memo.get(int(arg)))
        else:
            stack.extend(None for _ in op.stack_after)

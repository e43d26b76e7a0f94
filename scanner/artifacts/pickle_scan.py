"""Static analysis of pickle streams: which globals a pickle would import, never unpickling it.

Unpickling runs code: any `module.name` a pickle imports (GLOBAL, INST, STACK_GLOBAL) can be
called by REDUCE. So we walk the opcodes with `pickletools.genops` (a stream reader that stops at
STOP), keep a model of the stack just precise enough to know what STACK_GLOBAL pops, and
classify every import: `unsafe` (known code execution), `safe` (allowlisted ML globals), or
`unknown`. A STACK_GLOBAL whose operands are not plain strings hides its target: `unsafe`.
"""

from __future__ import annotations

import contextlib
import math
import pickletools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from scanner.loaders import budgets

# Whole modules (and their submodules) whose globals execute code, spawn processes, open
# network connections or reach the filesystem. Compared with picklescan's and modelscan's
# unsafe lists (see the README): theirs are contained in this one, and it adds importlib,
# ctypes, multiprocessing, marshal, tempfile, types, inspect, ... which they leave "suspicious".
UNSAFE_MODULES = frozenset(
    {
        "os", "posix", "nt", "posixpath", "ntpath", "subprocess", "sys", "socket", "runpy", "pty",
        "shutil", "importlib", "commands", "webbrowser", "httplib", "http", "urllib", "urllib2",
        "requests", "ftplib", "telnetlib", "smtplib", "code", "codeop", "pdb", "bdb", "timeit",
        "ctypes", "multiprocessing", "asyncio", "marshal", "pickle", "_pickle", "cPickle", "dill",
        "shelve", "tempfile", "glob", "signal", "threading", "_thread", "platform", "pip", "setuptools",
        "distutils", "types", "inspect", "gc", "zipimport", "pkgutil", "aiohttp", "ssl", "venv",
        "ensurepip", "pydoc", "cProfile", "profile", "trace", "idlelib", "lib2to3", "numpy.f2py",
        "numpy.testing._private.utils", "torch.utils.collect_env", "torch.utils.bottleneck",
        "torch.utils._config_module", "torch._inductor.codecache",
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
    "doctest": {"debug_script"},
    "torch.hub": {"load", "load_state_dict_from_url", "download_url_to_file"},
    "torch.serialization": {"load"},
    "torch": {"load"},
    "torch.storage": {"_load_from_bytes"},
    "torch.jit": {"load"},
    "torch.jit.unsupported_tensor_ops": {"execWrapper"},
    "torch._dynamo.guards": {"GuardBuilder.get"},
    "torch.fx.experimental.symbolic_shapes": {"ShapeEnv.evaluate_guards_expression"},
    "torch.utils.data.datapipes.utils.decoder": {"basichandlers"},
    "numpy": {"load", "loads", "fromfile"},
    "pandas": {"read_pickle"},
    "pandas.io.pickle": {"read_pickle"},
    "joblib": {"load"},
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
    "strided", "sparse_coo", "layout", "Tensor",
}  # fmt: skip
_BUILTIN_TYPES = {
    "set", "frozenset", "slice", "range", "complex", "bytearray", "bytes", "dict", "list", "tuple",
    "int", "float", "bool", "str", "object",
}  # fmt: skip
_NUMPY_SCALARS = {
    "ndarray", "dtype", "float16", "float32", "float64", "longdouble", "int8", "int16", "int32",
    "int64", "uint8", "uint16", "uint32", "uint64", "bool_", "complex64", "complex128", "str_",
    "bytes_", "void", "datetime64", "timedelta64", "intc", "uintc", "longlong", "ulonglong",
}  # fmt: skip
# NumPy 1 pickles arrays through `numpy.core.*`, NumPy 2 through `numpy._core.*`.
_NUMPY_CORE = {
    "multiarray": {"_reconstruct", "scalar"},
    "numeric": {"_frombuffer"},
}
# Training-argument objects `transformers.Trainer` saves as `training_args.bin`: dataclasses and
# enums, rebuilt from their fields (constructors that store values, nothing more).
_TRAINING_ARGS = {
    "transformers.training_args": {"TrainingArguments", "OptimizerNames", "ParallelMode"},
    "transformers.training_args_seq2seq": {"Seq2SeqTrainingArguments"},
    "transformers.trainer_utils": {
        "IntervalStrategy", "SchedulerType", "HubStrategy", "SaveStrategy", "FSDPOption", "EvaluationStrategy",
    },
    "transformers.debug_utils": {"DebugOption"},
    "transformers.trainer_pt_utils": {"AcceleratorConfig"},
    "transformers.utils.generic": {"ExplicitEnum", "PaddingStrategy", "TensorType"},
    "accelerate.utils.dataclasses": {
        "DistributedType", "DeepSpeedPlugin", "FullyShardedDataParallelPlugin", "GradientAccumulationPlugin",
        "DataLoaderConfiguration", "ProjectConfiguration", "DynamoBackend", "PrecisionType",
    },
    "trl.trainer.sft_config": {"SFTConfig"},
    "trl.trainer.dpo_config": {"DPOConfig"},
}  # fmt: skip
_BOOSTERS = {
    "xgboost.core": {"Booster"},
    "xgboost.sklearn": {"XGBModel", "XGBClassifier", "XGBRegressor", "XGBRanker", "XGBRFClassifier", "XGBRFRegressor"},
    "lightgbm.basic": {"Booster"},
    "lightgbm.sklearn": {"LGBMModel", "LGBMClassifier", "LGBMRegressor", "LGBMRanker"},
}  # fmt: skip
# pandas rebuilds frames from these functions (its classes are allowed by module, below).
_PANDAS_FUNCTIONS = {
    "pandas.core.indexes.base": {"_new_Index"},
    "pandas._libs.internals": {"_unpickle_block"},
    "pandas.core.internals.blocks": {"new_block", "_unpickle_block"},
    "pandas._libs.tslibs.timestamps": {"_unpickle_timestamp"},
    "pandas._libs.tslibs.timedeltas": {"_timedelta_unpickle"},
    "pandas.core.indexes.datetimes": {"_new_DatetimeIndex"},
    "pandas.core.indexes.period": {"_new_PeriodIndex"},
    "pandas._libs.arrays": {"__pyx_unpickle_NDArrayBacked"},
}
SAFE_GLOBALS: dict[str, set[str]] = {
    "builtins": _BUILTIN_TYPES,
    "__builtin__": _BUILTIN_TYPES,
    "collections": {"OrderedDict", "defaultdict", "Counter", "deque"},
    "copy_reg": {"_reconstructor"},
    "copyreg": {"_reconstructor", "__newobj__"},
    "_codecs": {"encode"},
    "datetime": {"datetime", "date", "time", "timedelta", "timezone"},
    "decimal": {"Decimal"},
    "uuid": {"UUID"},
    "pathlib": {"PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath"},
    "torch._utils": _TORCH_REBUILDS,
    "torch._tensor": {"_rebuild_from_type_v2"},
    "torch.serialization": {"_get_layout"},
    "torch": _TORCH_TYPES,
    "torch.nn.parameter": {"Parameter"},
    "numpy": _NUMPY_SCALARS,
    **{f"numpy.{core}.{mod}": names for core in ("core", "_core") for mod, names in _NUMPY_CORE.items()},
    "numpy.ma.core": {"_mareconstruct", "MaskedArray"},
    "numpy.random._pickle": {"__randomstate_ctor", "__generator_ctor", "__bit_generator_ctor"},
    "joblib.numpy_pickle": {"NumpyArrayWrapper", "NDArrayWrapper"},
    **_TRAINING_ARGS,
    **_BOOSTERS,
    **_PANDAS_FUNCTIONS,
}
# Libraries whose classes (not functions) may be rebuilt: estimators, transformers, frames and
# sparse matrices store their fields. Their I/O and download modules are never allowed.
_CLASS_LIBRARIES = ("sklearn.", "pandas.core.", "pandas._libs.", "scipy.sparse.")
_CLASS_EXCLUDED = ("sklearn.datasets", "sklearn.externals", "sklearn.utils._testing", "pandas._libs.parsers")
# Libraries a reviewer knows: an import of theirs outside the safe list is worth less alarm
# than one of unknown code (see MLC-ARTIFACT-002's severity).
KNOWN_ML_LIBRARIES = frozenset(
    {
        "sklearn", "numpy", "scipy", "pandas", "torch", "torchvision", "transformers", "accelerate",
        "xgboost", "lightgbm", "catboost", "statsmodels", "peft", "trl", "datasets", "tokenizers",
        "joblib", "keras", "tensorflow",
    }
)  # fmt: skip

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
    return module in ("torch", "torch.storage", "torch.cuda") and name.endswith("Storage") and _is_class(name)


def _stopped(what: str, found: list[Import], budget: str) -> PickleBudgetExceeded:
    return PickleBudgetExceeded(f"analysis stopped: {what}", list(found), budget)


def _is_class(name: str) -> bool:
    return name[:1].isupper() and "." not in name


def _unsafe_module(module: str) -> bool:
    """The module or one of its parents is on the unsafe list (`os.path` as `os`)."""
    parts = module.split(".")
    return any(".".join(parts[:i]) in UNSAFE_MODULES for i in range(1, len(parts) + 1))


def _library_class(module: str, name: str) -> bool:
    return _is_class(name) and module.startswith(_CLASS_LIBRARIES) and not module.startswith(_CLASS_EXCLUDED)


def _numpy_dtype_class(module: str, name: str) -> bool:
    return module == "numpy.dtypes" and name.endswith("DType") and _is_class(name)


def classify(module: str, name: str) -> str:
    if _unsafe_module(module) or name in UNSAFE_GLOBALS.get(module, ()):
        return "unsafe"
    if (
        name in SAFE_GLOBALS.get(module, ())
        or _torch_storage(module, name)
        or _library_class(module, name)
        or _numpy_dtype_class(module, name)
    ):
        return "safe"
    return "unknown"


def known_library_class(qualified: str) -> bool:
    """`module.Class` of a well-known ML library: reviewed less urgently than unknown code."""
    module, _, name = qualified.rpartition(".")
    return module.split(".", 1)[0] in KNOWN_ML_LIBRARIES and _is_class(name)


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


class PickleBudgetExceeded(PickleError):
    """The analysis stopped at a budget (`budget` names it); `imports` holds what came before."""

    def __init__(self, message: str, imports: list[Import], budget: str) -> None:
        super().__init__(message, imports)
        self.budget = budget


class StreamBudgetExceeded(Exception):
    """Raised by the stream under a pickle (a decompressor that hit its budget); `scan` turns it
    into PickleBudgetExceeded with the imports read so far."""

    def __init__(self, message: str, budget: str) -> None:
        super().__init__(message)
        self.budget = budget


# Opcode arguments above this size (tensor and array payloads) are skipped, not read into memory.
MAX_ARG_BYTES = 16 << 20
_SKIP_CHUNK = 1 << 20
# Strings kept on the modelled stack for STACK_GLOBAL; a longer one names no real module.
MAX_NAME_CHARS = 4096
_LONG = object()


class _Skipped(bytes):
    """Stands in for a large skipped argument: empty, but as long as the argument, because
    genops checks the length it read and then decodes what it got (a 20 MB string declared in a
    19 KB compressed file must not be held, nor crash the decoding)."""

    def __new__(cls, n: int) -> _Skipped:
        skipped = super().__new__(cls)
        skipped._n = n
        return skipped

    def __len__(self) -> int:
        return self._n


class _Counting:
    """The stream genops reads: counts positions (for streams that cannot `tell`, such as
    decompressors and zip members) and keeps memory bounded whatever lengths a file claims."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream, self.pos = stream, 0
        self.skips = 0  # how many arguments were skipped: their decoded value is not real

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
        self.skips += 1
        return _Skipped(skipped)

    def readline(self) -> bytes:
        # Protocol 0 arguments are lines; an endless "line" is cut off (and then fails to parse).
        data = self._stream.readline(MAX_ARG_BYTES)
        self.pos += len(data)
        return data

    def tell(self) -> int:
        return self.pos


@dataclass
class Allowance:
    """Opcodes left for one file: every pickle in it (zip members, legacy torch.save's several
    pickles) draws on the same budget, so a file's analysis time is bounded, not each pickle's."""

    opcodes: int


def scan(stream: IO[bytes], allowance: Allowance | None = None) -> list[Import]:
    """Imports of one pickle, read from `stream` up to its STOP opcode.

    Raises PickleError (with the imports read so far) for a malformed stream, and its subclass
    PickleBudgetExceeded when a budget (opcodes, memo, stack, decompressed bytes) runs out.
    """
    found: list[Import] = []
    if allowance is None:
        allowance = Allowance(budgets.current().max_pickle_opcodes)
    try:
        _scan(stream, found, allowance)
    except StreamBudgetExceeded as exc:
        raise PickleBudgetExceeded(str(exc), found, exc.budget) from None
    except PickleBudgetExceeded:
        raise
    except (ValueError, EOFError, OverflowError, IndexError) as exc:
        raise PickleError(str(exc), found) from None
    return found


def _stack_effect(op: pickletools.OpcodeInfo) -> tuple[bool, int, int]:
    """(pops to the mark, other items popped, items pushed) of one opcode."""
    before = op.stack_before
    to_mark = pickletools.stackslice in before
    rest = [b for b in before if b not in (pickletools.markobject, pickletools.stackslice)]
    return to_mark, len(rest), len(op.stack_after)


_EFFECTS = {op.name: _stack_effect(op) for op in pickletools.opcodes}
_CHECK_EVERY = 1024  # opcodes between checks of the stack and memo budgets


def _scan(stream: IO[bytes], found: list[Import], allowance: Allowance) -> None:
    counted = _Counted(_Counting(stream))
    try:
        _walk(counted, found, allowance.opcodes)
    finally:
        allowance.opcodes -= counted.count


class _Counted:
    """genops over a stream, counting the opcodes it yields (kept when the walk stops early)."""

    def __init__(self, stream: _Counting) -> None:
        self._stream, self.count = stream, 0

    @property
    def skips(self) -> int:
        return self._stream.skips

    def read_exactly(self, n: int) -> bytes:
        """Consume `n` bytes of the stream between opcodes (large runs are skipped, not kept)."""
        if n <= _SKIP_CHUNK:
            return bytes(self._stream.read(n))
        while n > 0:
            chunk = self._stream.read(min(n, _SKIP_CHUNK))
            if not chunk:
                break
            n -= len(chunk)
        return b""

    def __iter__(self) -> Iterator[tuple[int, pickletools.OpcodeInfo, Any, int | None]]:
        # genops is duck-typed: it needs read, readline and tell.
        for op, arg, pos in pickletools.genops(self._stream):  # type: ignore[arg-type]
            self.count += 1
            yield self.count, op, arg, pos


def _walk(ops: _Counted, found: list[Import], max_opcodes: int, joblib: bool = True) -> None:
    """The opcode model over one pickle. `joblib`: step over arrays joblib stores inline."""
    limits = budgets.current()
    stack: list[Any] = []
    memo: dict[int, Any] = {}
    skips = 0
    for count, op, raw_arg, pos in ops:
        if count > max_opcodes:
            raise _stopped(f"more than {limits.max_pickle_opcodes} opcodes in the file", found, "max_pickle_opcodes")
        if count % _CHECK_EVERY == 0:
            if len(stack) > limits.max_pickle_stack:
                raise _stopped(f"stack deeper than {limits.max_pickle_stack}", found, "max_pickle_stack")
            if len(memo) > limits.max_pickle_memo:
                raise _stopped(f"more than {limits.max_pickle_memo} memo entries", found, "max_pickle_memo")
        arg: Any = raw_arg
        name = op.name
        if name in _STRING_OPS and (ops.skips != skips or len(arg) > MAX_NAME_CHARS):
            arg = _LONG  # a huge string: never a module or class name, and not kept
        skips = ops.skips
        if name == "MARK":
            stack.append(_MARK)
            continue
        if name in _PUT_OPS or name == "MEMOIZE":
            memo[int(arg) if name in _PUT_OPS else len(memo)] = stack[-1] if stack else None
            continue
        to_mark, n_before, n_after = _EFFECTS[name]
        marked: list[Any] = []
        if to_mark:
            while stack and (item := stack.pop()) is not _MARK:
                marked.append(item)
            marked.reverse()
        popped: list[Any] = []
        if name == "STACK_GLOBAL":
            qual = stack.pop() if stack else None
            mod = stack.pop() if stack else None
            module, qualname = _as_str(mod), _as_str(qual)
            if module is None or qualname is None:
                found.append(Import("<dynamic>", "<dynamic>", pos or 0, "unsafe", name))
            else:
                found.append(Import(module, qualname, pos or 0, classify(module, qualname), name))
                popped = [_Global(module, qualname)]  # what the opcode pushes, below
        elif n_before:
            popped = stack[max(len(stack) - n_before, 0) :]
            del stack[max(len(stack) - n_before, 0) :]
        if name in ("GLOBAL", "INST"):
            module, _, attr = str(arg).partition(" ")
            verdict = classify(module, attr)  # on the whole name; what is kept is cut short
            found.append(Import(module[:MAX_NAME_CHARS], attr[:MAX_NAME_CHARS], pos or 0, verdict, name))
            popped = [_Global(module[:MAX_NAME_CHARS], attr[:MAX_NAME_CHARS])] if name == "GLOBAL" else []
        if name in _STRING_OPS:
            stack.append(arg)
        elif name in _GET_OPS:
            stack.append(memo.get(int(arg)))
        elif name in _VALUE_OPS:
            value = _value(name, arg, popped, marked)
            stack.append(value)
            if joblib and name == "BUILD" and isinstance(value, _Obj) and value.cls == _JOBLIB_WRAPPER:
                _skip_joblib_array(ops, value, found, max_opcodes - count)
        elif n_after:
            stack.extend(_NONES[n_after])


# Values the model keeps, just enough to know how many bytes of array data joblib writes after a
# NumpyArrayWrapper (joblib.dump stores arrays inline, after the wrapper's BUILD, not as opcodes).
_INT_OPS = frozenset({"INT", "BININT", "BININT1", "BININT2", "LONG", "LONG1", "LONG4"})
_VALUE_OPS = _INT_OPS | {
    "NEWTRUE", "NEWFALSE", "EMPTY_TUPLE", "TUPLE1", "TUPLE2", "TUPLE3", "TUPLE", "EMPTY_DICT",
    "SETITEM", "SETITEMS", "GLOBAL", "STACK_GLOBAL", "NEWOBJ", "REDUCE", "BUILD",
}  # fmt: skip
_MAX_DICT = 64  # keys kept per modelled dict; joblib's wrapper state has six


@dataclass(frozen=True)
class _Global:
    module: str
    name: str


_JOBLIB_WRAPPER = _Global("joblib.numpy_pickle", "NumpyArrayWrapper")
_NUMPY_DTYPE = _Global("numpy", "dtype")


class _Obj:
    """An object the pickle builds by calling a global; BUILD sets its state."""

    def __init__(self, cls: _Global, args: Any) -> None:
        self.cls, self.args, self.state = cls, args, None


def _value(name: str, arg: Any, popped: list[Any], marked: list[Any]) -> Any:
    if name in _INT_OPS:
        return arg if isinstance(arg, int) else None
    if name in ("NEWTRUE", "NEWFALSE"):
        return name == "NEWTRUE"
    if name == "EMPTY_TUPLE":
        return ()
    if name in ("TUPLE1", "TUPLE2", "TUPLE3"):
        return tuple(popped)
    if name == "TUPLE":
        return tuple(marked)
    if name == "EMPTY_DICT":
        return {}
    if name in ("GLOBAL", "STACK_GLOBAL"):
        return popped[0] if popped else None
    if name in ("SETITEM", "SETITEMS"):
        target = popped[0] if popped else None
        pairs = popped[1:] if name == "SETITEM" else marked
        if isinstance(target, dict):
            for key, value in zip(pairs[::2], pairs[1::2], strict=False):
                if isinstance(key, str) and len(key) <= MAX_NAME_CHARS and len(target) < _MAX_DICT:
                    target[key] = value
        return target
    if name in ("NEWOBJ", "REDUCE"):
        return _Obj(popped[0], popped[1]) if len(popped) == 2 and isinstance(popped[0], _Global) else None
    # BUILD: the object stays, with its state.
    obj = popped[0] if popped else None
    if isinstance(obj, _Obj) and len(popped) == 2:
        obj.state = popped[1]
    return obj


_DTYPE = re.compile(r"^[<>|=]?([?bBiufcmMSUVa])(\d+)$")


def _itemsize(dtype: Any) -> int | None:
    """Bytes per element of a simple NumPy dtype (`numpy.dtype('f8', False, True)`); None for an
    object or structured dtype, whose data is no flat run of bytes."""
    if not (isinstance(dtype, _Obj) and dtype.cls == _NUMPY_DTYPE and isinstance(dtype.args, tuple) and dtype.args):
        return None
    m = _DTYPE.match(str(dtype.args[0]))
    if m is None:
        return None
    return int(m[2]) * (4 if m[1] == "U" else 1)


def _skip_joblib_array(ops: _Counted, wrapper: _Obj, found: list[Import], max_opcodes: int) -> None:
    """Step over the array bytes joblib wrote after this wrapper, so the analysis goes on to the
    pickle's remaining opcodes. Anything unexpected leaves the stream as it is: genops then
    fails on the array bytes, and the file is reported as not fully analysed.

    `pickle.load` (not joblib) would read those bytes as opcodes: a crafted "array" could hide an
    import there. So they are read as a pickle too, up to the first bad opcode, and what that
    would import counts. Real array data fails on its first bytes."""
    state = wrapper.state if isinstance(wrapper.state, dict) else {}
    shape, size = state.get("shape"), _itemsize(state.get("dtype"))
    valid = (
        isinstance(shape, tuple) and len(shape) <= 64 and all(isinstance(n, int) and 0 <= n < 1 << 63 for n in shape)
    )
    if size is None or not valid:
        return
    if isinstance(state.get("numpy_array_alignment_bytes"), int):
        # joblib >= 1.2: one byte giving the padding length, then that many padding bytes.
        padding = ops.read_exactly(1)
        ops.read_exactly(padding[0] if padding else 0)
    region = _Region(ops, size * math.prod(shape))
    inner = _Counted(_Counting(region))  # type: ignore[arg-type]
    with contextlib.suppress(ValueError, EOFError, OverflowError, IndexError):  # the usual case: no pickle
        _walk(inner, found, max(max_opcodes, 0), joblib=False)
    region.drain()


class _Region:
    """At most `n` bytes of the stream under `ops`: one inline array, read as pickle.load would."""

    def __init__(self, ops: _Counted, n: int) -> None:
        self._ops, self.left = ops, n

    def read(self, n: int = -1) -> bytes:
        # _Counting asks for at most MAX_ARG_BYTES at once (larger arguments it skips in chunks).
        n = self.left if n < 0 else min(n, self.left)
        chunks = []
        while n > 0 and (chunk := self._ops.read_exactly(min(n, _SKIP_CHUNK))):
            chunks.append(chunk)
            n -= len(chunk)
            self.left -= len(chunk)
        return b"".join(chunks)

    def readline(self, limit: int = -1) -> bytes:
        # Protocol-0 lines name modules and classes: a longer "line" names none (and then fails).
        out = bytearray()
        while self.left and len(out) < MAX_NAME_CHARS * 2 and not out.endswith(b"\n"):
            out += self.read(1)
        return bytes(out)

    def drain(self) -> None:
        self._ops.read_exactly(self.left)
        self.left = 0


_NONES = {n: (None,) * n for n in range(1, 4)}

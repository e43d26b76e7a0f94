"""Model artifacts that run code when loaded: pickle imports, NumPy object arrays, Keras Lambdas.

The loader analyses every file statically (opcodes, headers, configs); nothing is unpickled.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from scanner.context import ScanContext
from scanner.documents import Document, Pointer
from scanner.findings import Hit
from scanner.pyrules import PythonRule

_REFS = (
    "https://docs.python.org/3/library/pickle.html#restricting-globals",
    "https://pytorch.org/docs/stable/generated/torch.load.html",
)
_NIST = ("MEASURE 2.7", "MAP 4.2", "GOVERN 6.1")


def _imports(doc: Document) -> Iterator[tuple[dict[str, Any], dict[str, Any], Pointer]]:
    pickles = doc.data.get("pickles", []) if isinstance(doc.data, dict) else []
    for i, p in enumerate(pickles):
        for j, imp in enumerate(p.get("imports", [])):
            yield p, imp, ("pickles", i, "imports", j)


def _where(p: dict[str, Any]) -> str:
    return f" (member {p['member']})" if p.get("member") else ""


class PickleCodeExecution(PythonRule):
    id = "MLC-ARTIFACT-001"
    title = "Model file executes code when loaded"
    severity = "critical"
    category = "supply-chain"
    nist_ai_rmf = _NIST
    description = (
        "A pickle-based model file (pickle, joblib, dill, PyTorch, NumPy object array) imports a "
        "global that runs commands, evaluates code, opens files or sockets (`os.system`, "
        "`subprocess`, `builtins.eval`, ...), or hides its import behind computed `STACK_GLOBAL` "
        "operands. Loading it (`pickle.load`, `torch.load`, `joblib.load`) executes that code."
    )
    remediation = (
        "Do not load the file. Rebuild it from trusted code and store weights in a format that "
        "cannot run code (safetensors, ONNX); load PyTorch files with `torch.load(weights_only=True)`."
    )
    input_kinds = ("model-artifact",)
    references = _REFS

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for p, imp, pointer in _imports(doc):
            if imp["verdict"] != "unsafe":
                continue
            what = (
                "a global computed at load time (STACK_GLOBAL on non-string operands)"
                if imp["global"] == "<dynamic>.<dynamic>"
                else imp["global"]
            )
            yield Hit(
                f"pickle{_where(p)} imports {what} at byte {imp['offset']}: loading it runs code",
                pointer=pointer,
                key=f"{p.get('member', '')}:{imp['global']}",
            )


class PickleUnreviewedImport(PythonRule):
    id = "MLC-ARTIFACT-002"
    title = "Model file imports globals outside the safe list"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = _NIST
    description = (
        "A pickle-based model file imports a global that is neither a known-safe ML type (NumPy "
        "arrays, PyTorch tensor rebuilds, `collections.OrderedDict`, ...) nor a known code-execution "
        "gadget, or its opcode stream is malformed so the analysis could not finish. Whatever that "
        "global does runs at load time."
    )
    remediation = (
        "Review the class; if it is trusted, allow it with the rule option `allowed_globals` "
        "(e.g. `sklearn.linear_model._logistic.LogisticRegression` or a module prefix). Prefer "
        "formats that carry no code (safetensors, ONNX, skops)."
    )
    input_kinds = ("model-artifact",)
    references = _REFS

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        allowed = [str(a) for a in ctx.option(self.id, "allowed_globals", [])]
        for p, imp, pointer in _imports(doc):
            name = imp["global"]
            if imp["verdict"] != "unknown" or any(name == a or name.startswith(a + ".") for a in allowed):
                continue
            yield Hit(f"pickle{_where(p)} imports {name}, which is not on the safe list", pointer=pointer)
        for i, p in enumerate(doc.data.get("pickles", []) if isinstance(doc.data, dict) else []):
            if p.get("error"):
                yield Hit(f"pickle{_where(p)} could not be fully analysed: {p['error']}", pointer=("pickles", i))


class NumpyObjectArray(PythonRule):
    id = "MLC-ARTIFACT-003"
    title = "NumPy file holds an object array (pickled data)"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = _NIST
    description = (
        "A `.npy`/`.npz` array has an object dtype, so its data is a pickle: `numpy.load(..., "
        "allow_pickle=True)` would unpickle it, and anything it imports runs."
    )
    remediation = "Store numeric arrays with a numeric dtype; keep structured data in Parquet or JSON."
    input_kinds = ("model-artifact",)
    references = ("https://numpy.org/doc/stable/reference/generated/numpy.load.html",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for i, member in enumerate(doc.data.get("object_arrays", []) if isinstance(doc.data, dict) else []):
            where = f" {member}" if member else ""
            yield Hit(f"array{where} has an object dtype: its data is a pickle", pointer=("object_arrays", i))


class KerasLambdaLayer(PythonRule):
    id = "MLC-ARTIFACT-004"
    title = "Keras model contains a Lambda layer"
    severity = "high"
    category = "supply-chain"
    nist_ai_rmf = _NIST
    description = (
        "A Keras `.keras` or `.h5` model has a `Lambda` layer: its Python function is serialized "
        "(marshalled bytecode) and runs when the model is loaded with `safe_mode=False` or by "
        "older Keras versions."
    )
    remediation = (
        "Replace Lambda layers with registered custom layers whose code lives in the repository, "
        "and load models with `safe_mode=True`."
    )
    input_kinds = ("model-artifact",)
    references = ("https://keras.io/api/layers/core_layers/lambda/",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for i, name in enumerate(doc.data.get("lambda_layers", []) if isinstance(doc.data, dict) else []):
            yield Hit(f"Lambda layer {name!r} carries serialized Python code", pointer=("lambda_layers", i))


RULES = [PickleCodeExecution, PickleUnreviewedImport, NumpyObjectArray, KerasLambdaLayer]

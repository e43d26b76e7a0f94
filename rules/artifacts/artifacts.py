"""Model artifacts that run code when loaded: pickle imports, NumPy object arrays, Keras Lambdas.

The loader analyses every file statically (opcodes, headers, configs); nothing is unpickled.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import Any

from scanner.artifacts import pickle_scan, torch_load
from scanner.context import ScanContext
from scanner.documents import Document, Pointer
from scanner.findings import Hit
from scanner.pinning import python_refs
from scanner.pyrules import PythonRule
from scanner.walk import RefusedPath, bom_encoding

_REFS = (
    "https://docs.python.org/3/library/pickle.html#restricting-globals",
    "https://pytorch.org/docs/stable/generated/torch.load.html",
)
_NIST = ("MEASURE 2.7", "MAP 4.2", "GOVERN 6.1")
# Poisoned or backdoored model files that run code when loaded: every code-execution rule here.
_ATLAS = ("AML.T0010.003", "AML.T0011.000", "AML.T0018.002")


def _pickles(doc: Document) -> list[dict[str, Any]]:
    pickles = doc.data.get("pickles", []) if isinstance(doc.data, dict) else []
    return [p for p in pickles if isinstance(p, dict)]


def _imports(doc: Document) -> Iterator[tuple[dict[str, Any], dict[str, Any], Pointer]]:
    for i, p in enumerate(_pickles(doc)):
        for j, imp in enumerate(p.get("imports", [])):
            yield p, imp, ("pickles", i, "imports", j)


def _where(p: dict[str, Any]) -> str:
    return f" (member {p['member']})" if p.get("member") else ""


MAX_LISTED = 20  # globals named in one message; the finding's properties hold them all


def _listing(names: list[str]) -> str:
    shown = ", ".join(names[:MAX_LISTED])
    return shown + (f" and {len(names) - MAX_LISTED} more" if len(names) > MAX_LISTED else "")


def _members(pickles: list[dict[str, Any]]) -> str:
    members = sorted({p["member"] for p in pickles if p.get("member")})
    return f" (in {_listing(members)})" if members else ""


def _unsafe_name(imp: dict[str, Any]) -> str:
    if imp["global"] == "<dynamic>.<dynamic>":
        return "a global computed at load time (STACK_GLOBAL on non-string operands)"
    return str(imp["global"])


class PickleCodeExecution(PythonRule):
    id = "MLC-ARTIFACT-001"
    title = "Model file executes code when loaded"
    severity = "critical"
    category = "supply-chain"
    nist_ai_rmf = _NIST
    atlas = _ATLAS
    description = (
        "A pickle-based model file (pickle, joblib, dill, PyTorch, NumPy object array) imports a "
        "global that runs commands, evaluates code, opens files or sockets (`os.system`, "
        "`subprocess`, `builtins.eval`, ...), or hides its import behind computed `STACK_GLOBAL` "
        "operands. Loading it (`pickle.load`, `torch.load`, `joblib.load`) executes that code. "
        "One finding per file, naming every such global (and the other globals outside the "
        "safe list, which MLC-ARTIFACT-002 then does not report again)."
    )
    remediation = (
        "Do not load the file. Rebuild it from trusted code and store weights in a format that "
        "cannot run code (safetensors, ONNX); load PyTorch files with `torch.load(weights_only=True)`."
    )
    input_kinds = ("model-artifact",)
    references = _REFS

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        unsafe = [(p, imp, ptr) for p, imp, ptr in _imports(doc) if imp["verdict"] == "unsafe"]
        if not unsafe:
            return
        names = list(dict.fromkeys(_unsafe_name(imp) for _, imp, _ in unsafe))
        others = _unreviewed(doc, ctx, self_id=PickleUnreviewedImport.id)
        p, imp, pointer = unsafe[0]
        also = f"; it also imports {_listing(others)}, not on the safe list" if others else ""
        yield Hit(
            f"pickle{_members([u[0] for u in unsafe])} imports {_listing(names)} (first at byte "
            f"{imp['offset']}{_where(p)}): loading it runs code{also}",
            pointer=pointer,
            key="artifact",
            properties={"unsafe_globals": names, "unreviewed_globals": others},
        )


def _unreviewed(doc: Document, ctx: ScanContext, self_id: str) -> list[str]:
    """Globals outside the safe list and the user's `allowed_globals`, in order of appearance."""
    allowed = [str(a) for a in ctx.option(self_id, "allowed_globals", [])]
    names = (imp["global"] for _, imp, _ in _imports(doc) if imp["verdict"] == "unknown")
    return list(dict.fromkeys(n for n in names if not any(n == a or n.startswith(a + ".") for a in allowed)))


class PickleUnreviewedImport(PythonRule):
    id = "MLC-ARTIFACT-002"
    title = "Model file imports globals outside the safe list"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = _NIST
    atlas = ("AML.T0010.003", "AML.T0011.000")
    description = (
        "A pickle-based model file imports globals that are neither known-safe ML types (NumPy 1 "
        "and 2 arrays and dtypes, PyTorch tensor rebuilds and storages, scikit-learn, pandas and "
        "SciPy sparse classes, XGBoost/LightGBM boosters, transformers/accelerate training "
        "arguments, `collections.OrderedDict`, ...) nor known code-execution gadgets, or its "
        "opcode stream is malformed so the analysis could not finish. Whatever those globals do "
        "runs at load time. One finding per file lists them all; it is low when every one is a "
        "class of a well-known ML library, and is left to MLC-ARTIFACT-001 when the file also "
        "imports a code-execution gadget."
    )
    remediation = (
        "Review the classes; if they are trusted, allow them with the rule option `allowed_globals` "
        "(e.g. `mypackage.models.Net` or a module prefix). Prefer formats that carry no code "
        "(safetensors, ONNX, skops)."
    )
    input_kinds = ("model-artifact",)
    references = _REFS

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if any(imp["verdict"] == "unsafe" for _, imp, _ in _imports(doc)):
            return  # MLC-ARTIFACT-001 reports this file, these globals included
        names = _unreviewed(doc, ctx, self_id=self.id)
        broken = [(i, p) for i, p in enumerate(_pickles(doc)) if p.get("error")]
        if not names and not broken:
            return
        parts = []
        if names:
            parts.append(f"imports {_listing(names)}, not on the safe list")
        if broken:
            parts.append(f"could not be fully analysed{_where(broken[0][1])}: {broken[0][1]['error']}")
        # Point at the first unreviewed import, else at the pickle that could not be read.
        firsts = (ptr for _, imp, ptr in _imports(doc) if names and imp["global"] == names[0])
        pointer = next(firsts, ("pickles", broken[0][0]) if broken else None)
        severity = reason = None
        if names and not broken and all(pickle_scan.known_library_class(n) for n in names):
            severity, reason = "low", "every global outside the safe list is a class of a well-known ML library"
        yield Hit(
            f"pickle{_members(_pickles(doc))} " + "; ".join(parts),
            pointer=pointer,
            key="artifact",
            properties={"unreviewed_globals": names},
            severity=severity,
            severity_reason=reason,
        )


class NumpyObjectArray(PythonRule):
    id = "MLC-ARTIFACT-003"
    title = "NumPy file holds an object array (pickled data)"
    severity = "medium"
    category = "supply-chain"
    nist_ai_rmf = _NIST
    atlas = ("AML.T0010.002", "AML.T0011.000")
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
    atlas = _ATLAS
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


def _torch_requirements(ctx: ScanContext) -> list[torch_load.TorchReq]:
    """Every torch requirement the repository's dependency files declare, read once per scan."""

    def build() -> list[torch_load.TorchReq]:
        texts: list[tuple[str, str]] = []
        for f in ctx.listing.files:
            if not torch_load.is_dependency_file(f.rel):
                continue
            try:
                with f.open() as fh:
                    raw = fh.read(torch_load.MAX_FILE + 1)
            except (OSError, RefusedPath):
                continue  # unreadable: no evidence either way
            if len(raw) <= torch_load.MAX_FILE:
                # decoded by its byte order mark, as RepoIndex.read does (a BOM'd first line still counts)
                texts.append((f.rel, raw.decode(bom_encoding(raw) or "utf-8", "replace")))
        return torch_load.torch_requirements(iter(texts))

    return ctx.memo("artifacts.torch_requirements", build)


# Folders that hold a project's environment beside its code (`deployment/environment/conda.yaml`
# next to `deployment/code/`): a dependency file there speaks for its parent folder.
_ENV_DIRS = frozenset({"environment", "environments", "env", "envs", "conda", "requirements", "docker", "deps"})


def _scope(req: torch_load.TorchReq) -> PurePosixPath:
    folder = PurePosixPath(req.path).parent
    return folder.parent if folder.name.lower() in _ENV_DIRS else folder


def _applicable(reqs: list[torch_load.TorchReq], rel: str) -> list[torch_load.TorchReq]:
    """The torch requirements that speak for the code at `rel`: those of its own folder or a
    folder above it. In a monorepo of examples each example declares its own environment, and a
    neighbour's torch 1.13 says nothing about this code."""
    folder = PurePosixPath(rel).parent
    above = {folder, *folder.parents}
    return [r for r in reqs if _scope(r) in above]


def _where_req(req: torch_load.TorchReq) -> str:
    at = f"{req.path}:{req.line}" if req.line else req.path
    return f"`torch{req.spec}` ({at})"


class TorchLoadUnsafe(PythonRule):
    id = "MLC-ARTIFACT-005"
    title = "torch.load may unpickle code: weights_only=False, or PyTorch older than 2.6"
    severity = "high"
    category = "supply-chain"
    nist_ai_rmf = _NIST
    atlas = _ATLAS
    description = (
        "Python code calls `torch.load(...)` (also `import torch as th`, `from torch import load`) "
        "in a way that unpickles arbitrary objects, so a tampered checkpoint runs code when loaded: "
        "`weights_only=False` written out is always reported; a call with no `weights_only=` is "
        "reported only when the repository may run PyTorch older than 2.6 (which made "
        "`weights_only=True` the default): a requirement in requirements*.txt, pyproject.toml, "
        "setup.py/setup.cfg or a conda environment file in the code's folder or above (or in an "
        "`environment/`, `conda/`, `docker/` folder beside it; a neighbouring example's pin in a "
        "monorepo does not count) pins or caps torch below 2.6 or declares it "
        "with no lower bound at 2.6, or none is found for it (the message says "
        "which). Not reported: `weights_only=True`, a `weights_only` set from a variable or "
        "`**kwargs`, calls in test folders, and any call when every torch requirement is `>=2.6`. "
        "Unlike bandit B614, which flags every `torch.load` call, the declared torch version "
        "decides. `pickle`/`joblib`/`dill` loads are not reported here: whether their argument is "
        "an untrusted file cannot be told precisely from code; MLC-ARTIFACT-001 inspects the files."
    )
    remediation = (
        "Load with `torch.load(path, weights_only=True)` (allow extra classes with "
        "`torch.serialization.add_safe_globals`), require `torch>=2.6`, or store weights as "
        "safetensors. Keep `weights_only=False` only for files the repository itself wrote, and "
        "suppress the finding with that reason."
    )
    input_kinds = ("text",)
    references = (
        "https://pytorch.org/docs/stable/generated/torch.load.html",
        "https://pytorch.org/docs/stable/notes/serialization.html#weights-only",
        "https://bandit.readthedocs.io/en/latest/plugins/b614_pytorch_load.html",
    )

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        text = doc.text or ""
        if not doc.path.endswith(".py") or "load" not in text or "torch" not in text:
            return
        if not python_refs.is_training_path(doc.path) or len(text) > python_refs.MAX_SOURCE:
            return  # test folders: fixtures load what the test itself saved
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError):
            return
        loads = list(torch_load.unsafe_loads(tree, text))
        if not loads:
            return
        reqs = _applicable(_torch_requirements(ctx), doc.path)
        old = [r for r in reqs if not r.safe]
        for load in loads:
            if load.explicit:
                why = "weights_only=False unpickles arbitrary objects whatever the torch version"
            elif old:
                why = (
                    f"no weights_only=, and {_where_req(old[0])} admits PyTorch < 2.6, "
                    "where torch.load defaults to weights_only=False"
                )
            elif reqs:
                continue  # every torch requirement is >= 2.6: the safe default applies
            else:
                why = (
                    "no weights_only=, and no torch requirement was found in its folder or above, so "
                    "it runs on whatever torch is installed: on PyTorch < 2.6 it defaults to "
                    "weights_only=False"
                )
            yield Hit(
                f"{load.source} at line {load.line}: {why}; pass weights_only=True",
                line=load.line,
                end_line=load.end_line,
                key=f"{'explicit' if load.explicit else 'default'}:{load.source}",
            )


RULES = [PickleCodeExecution, PickleUnreviewedImport, NumpyObjectArray, KerasLambdaLayer, TorchLoadUnsafe]

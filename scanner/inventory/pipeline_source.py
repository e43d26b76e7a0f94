"""Dagster and Prefect task I/O where the code states it statically (from the AST the pipeline
loader builds, scanner/pipelines/pycode.py; nothing is imported or run).

- Dagster `@asset`/`@multi_asset`: the asset keys it makes (`key`/`key_prefix`/`name`, `outs=`,
  `specs=`) are its outputs; its upstream assets (parameters other than `context`/`config` and
  declared resources, `deps=`, `ins={...: AssetIn(key=...)}`) are its inputs. An asset key is a
  dataset of its own, unless the file binds the asset's I/O manager to a static location
  (`S3PickleIOManager(s3_bucket=..., s3_prefix=...)`, `FilesystemIOManager(base_dir=...)`, their
  `.configured({...})` forms, GCS): then the dataset is where Dagster stores it.
- Dagster `@op`, Prefect `@task`/`@flow`: the literal locations the body reads and writes.
- Prefect `@materialize(asset, ..., asset_deps=[...])`: the asset keys (URIs) it makes and reads.

Literal locations read or written in a body (`pd.read_csv("s3://...")`, `open("x", "w")`) are
inputs and outputs of every kind. A function with neither is no job.
"""

from __future__ import annotations

import ast
import posixpath
from typing import Any

from scanner.documents import Document
from scanner.inventory.model import Inventory, Job
from scanner.inventory.paths import is_model_file, repo_path

_DAGSTER_ASSETS = ("asset", "multi_asset")
_NOT_UPSTREAM = {"context", "config", "self"}  # Dagster parameters that are never an asset
# Dagster's pickle I/O managers: the call's name, its bucket (or base folder) and prefix
# arguments, the default prefix, and the URI scheme.
_IO_MANAGERS: dict[str, tuple[str, str | None, str, str]] = {
    "S3PickleIOManager": ("s3_bucket", "s3_prefix", "dagster", "s3://"),
    "s3_pickle_io_manager": ("s3_bucket", "s3_prefix", "dagster", "s3://"),
    "ConfigurablePickledObjectS3IOManager": ("s3_bucket", "s3_prefix", "dagster", "s3://"),
    "GCSPickleIOManager": ("gcs_bucket", "gcs_prefix", "dagster", "gs://"),
    "gcs_pickle_io_manager": ("gcs_bucket", "gcs_prefix", "dagster", "gs://"),
    "FilesystemIOManager": ("base_dir", None, "", ""),
    "fs_io_manager": ("base_dir", None, "", ""),
}


def _parse(value: Any) -> ast.expr | None:
    """The expression behind a loader's `{"expr": source}` (source it unparsed itself)."""
    if not (isinstance(value, dict) and set(value) == {"expr"} and isinstance(value["expr"], str)):
        return None
    try:
        return ast.parse(value["expr"], mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _const(node: ast.AST | None) -> Any:
    try:
        return ast.literal_eval(node) if node is not None else None
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return None


def _callee(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


class _File:
    """What one file binds by name: module-level assignments and its Dagster assets' keys."""

    def __init__(self, doc: Document) -> None:
        data = doc.data if isinstance(doc.data, dict) else {}
        self.data = data
        self.assigns = {
            a["target"]: a["value"] for a in data.get("assigns", []) if isinstance(a, dict) and "target" in a
        }
        self.asset_names: dict[str, str] = {}  # function name -> the asset key it makes
        self.stored: dict[str, str | None] = {}  # asset key made here -> its I/O manager's location

    def resolve(self, value: Any, depth: int = 0) -> ast.expr | None:
        """The expression a value stands for, following one variable (`x = Asset(...)`)."""
        node = _parse(value)
        if isinstance(node, ast.Name) and depth == 0 and node.id in self.assigns:
            return self.resolve(self.assigns[node.id], 1) or node
        return node

    def key(self, value: Any) -> str | None:
        """An asset key from a literal or an expression: "a", `AssetKey(["a", "b"])`,
        `AssetIn(key="a")`, `AssetDep("a")`, `Asset(key="s3://...")`, or an asset function."""
        if isinstance(value, str):
            return value
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return "/".join(value)
        node = value if isinstance(value, ast.AST) else self.resolve(value)
        if isinstance(node, ast.Constant):
            return self.key(node.value)
        if isinstance(node, (ast.List, ast.Tuple)):
            return self.key(_const(node))
        if isinstance(node, ast.Name):
            return self.asset_names.get(node.id, node.id)
        if isinstance(node, ast.Call):
            named = next((k.value for k in node.keywords if k.arg in ("key", "asset_key")), None)
            arg = named if named is not None else (node.args[0] if node.args else None)
            return self.key(arg) if arg is not None else None
        return None

    def by_name(self, name: str) -> str:
        """The key of the asset a parameter names: Dagster matches it to the key's last part."""
        found = [k for k in self.asset_names.values() if k.rsplit("/", 1)[-1] == name]
        return found[0] if len(found) == 1 else name

    def keys(self, value: Any) -> list[str]:
        items = value if isinstance(value, list) else [value] if value is not None else []
        return [k for k in (self.key(v) for v in items) if k]

    def io_managers(self) -> dict[str, str]:
        """Resource key -> the static base location of the pickle I/O manager bound to it."""
        out: dict[str, str] = {}
        for call in self.data.get("calls", []):
            kwargs = call.get("kwargs") if isinstance(call, dict) else None
            for arg in ("resources", "resource_defs"):
                bound = kwargs.get(arg) if isinstance(kwargs, dict) else None
                for name, value in bound.items() if isinstance(bound, dict) else ():
                    base = self._io_base(self.resolve(value))
                    if base is not None:
                        out.setdefault(name, base)
        return out

    def _io_base(self, node: ast.expr | None) -> str | None:
        if not isinstance(node, ast.Call):
            return None
        config: dict[str, Any] = {k.arg: _const(k.value) for k in node.keywords if k.arg}
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "configured" and node.args:
            config = _const(node.args[0]) if isinstance(_const(node.args[0]), dict) else {}
            func = func.value
        spec = _IO_MANAGERS.get(_callee(func))
        if spec is None:
            return None
        where_arg, prefix_arg, default_prefix, scheme = spec
        where = config.get(where_arg)
        prefix = config.get(prefix_arg, default_prefix) if prefix_arg else ""
        if not isinstance(where, str) or not where or not isinstance(prefix, str):
            return None
        parts = [where.rstrip("/") if not scheme else where.strip("/"), prefix.strip("/")]
        return scheme + "/".join(p for p in parts if p)


def _decorator(fn: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any] | None:
    for dec in fn.get("decorators", []):
        if isinstance(dec, dict) and str(dec.get("func", "")).rsplit(".", 1)[-1] in names:
            return dec
    return None


def _dagster_key(fn: dict[str, Any], kwargs: dict[str, Any], file: _File) -> str:
    explicit = file.key(kwargs.get("key")) if kwargs.get("key") is not None else None
    if explicit:
        return explicit
    name = kwargs.get("name") if isinstance(kwargs.get("name"), str) else str(fn.get("name"))
    prefix = kwargs.get("key_prefix")
    parts = [prefix] if isinstance(prefix, str) else []
    if isinstance(prefix, list):
        parts = [p for p in prefix if isinstance(p, str)]
    return "/".join([*parts, name])


def _dagster_asset(fn: dict[str, Any], dec: dict[str, Any], file: _File) -> tuple[list[str], list[str]]:
    """(upstream keys, keys made) of an `@asset` or `@multi_asset`."""
    kwargs = dec.get("kwargs") or {}
    declared = kwargs.get("required_resource_keys")
    resources = {r for r in declared if isinstance(r, str)} if isinstance(declared, list) else set()
    ins = kwargs.get("ins") if isinstance(kwargs.get("ins"), dict) else {}
    by_param = {name: file.key(value) or file.by_name(name) for name, value in ins.items()}
    params = [p for p in fn.get("params", []) if p not in _NOT_UPSTREAM | resources]
    upstream = [by_param.get(p) or file.by_name(p) for p in params]
    upstream += [k for name, k in by_param.items() if name not in fn.get("params", [])]
    upstream += file.keys(kwargs.get("deps"))
    made: list[str] = []
    if str(dec.get("func", "")).endswith("multi_asset"):
        outs = kwargs.get("outs") if isinstance(kwargs.get("outs"), dict) else {}
        made = [file.key(v) or k for k, v in outs.items()]
        for spec in kwargs.get("specs") if isinstance(kwargs.get("specs"), list) else []:
            node = file.resolve(spec)
            if isinstance(node, ast.Call) and (k := file.key(node)):
                made.append(k)
                deps = next((kw.value for kw in node.keywords if kw.arg == "deps"), None)
                upstream += file.keys(_const(deps) if isinstance(_const(deps), list) else None)
    else:
        made = [_dagster_key(fn, kwargs, file)]
    return list(dict.fromkeys(upstream)), [m for m in dict.fromkeys(made) if m]


def _node(inv: Inventory, location: str, source: str) -> str:
    """The inventory id of a location a body reads or writes: a model file or a dataset."""
    rel = repo_path(location)
    if rel is not None and is_model_file(rel):
        return inv.artifact(rel, source).id
    where = rel if rel is not None else location
    return inv.dataset(f"dataset:{where}", posixpath.basename(where.rstrip("/")) or where, where, source).id


def _asset_node(inv: Inventory, key: str, base: str | None, source: str) -> str:
    """An asset key's dataset: where its I/O manager stores it when that is static, else the key
    (a Prefect key is a URI already)."""
    if base is not None:
        return _node(inv, f"{base.rstrip('/')}/{key}", source)
    if "://" in key:
        return _node(inv, key, source)
    return inv.dataset(f"dataset:asset:{key}", key, None, source).id


def _dagster_assets(file: _File, functions: list[dict[str, Any]]) -> dict[int, tuple[list[str], list[str]]]:
    """Per function index, (upstream keys, keys made) of Dagster's assets; fills `file.stored`
    with where each key made here is kept (its I/O manager's static location, or None)."""
    for fn in functions:
        dec = _decorator(fn, _DAGSTER_ASSETS)
        if dec is not None and not str(dec.get("func", "")).endswith("multi_asset"):
            file.asset_names[str(fn.get("name"))] = _dagster_key(fn, dec.get("kwargs") or {}, file)
    managers = file.io_managers()
    out = {}
    for i, fn in enumerate(functions):
        dec = _decorator(fn, _DAGSTER_ASSETS)
        if dec is None:
            continue
        upstream, made = _dagster_asset(fn, dec, file)
        io_key = (dec.get("kwargs") or {}).get("io_manager_key", "io_manager")
        for key in made:  # an asset is stored by its own I/O manager, whoever reads it
            file.stored[key] = managers.get(io_key) if isinstance(io_key, str) else None
        out[i] = (upstream, made)
    return out


def add(inv: Inventory, doc: Document) -> None:
    file = _File(doc)
    frameworks = set(file.data.get("frameworks", []))
    functions = [fn for fn in file.data.get("functions", []) if isinstance(fn, dict)]
    dagster_assets = _dagster_assets(file, functions) if "dagster" in frameworks else {}
    materialized: dict[str, Job] = {}  # Prefect: function name -> the job of its materialization
    for i, fn in enumerate(functions):
        inputs: list[str] = []
        outputs: list[str] = []
        materialize = _decorator(fn, ("materialize",)) if "prefect" in frameworks else None
        if i in dagster_assets:
            upstream, made = dagster_assets[i]
            inputs = [_asset_node(inv, k, file.stored.get(k), doc.path) for k in upstream]
            outputs = [_asset_node(inv, k, file.stored.get(k), doc.path) for k in made]
            name = made[0] if len(made) == 1 else str(fn.get("name"))
        elif materialize is not None:
            outputs = [_asset_node(inv, k, None, doc.path) for k in file.keys(materialize.get("args") or [])]
            deps = file.keys((materialize.get("kwargs") or {}).get("asset_deps"))
            inputs = [_asset_node(inv, k, None, doc.path) for k in deps]
            name = str(fn.get("name"))
        elif ("prefect" in frameworks and (dec := _decorator(fn, ("task", "flow"))) is not None) or (
            "dagster" in frameworks and (dec := _decorator(fn, ("op",))) is not None
        ):
            named = (dec.get("kwargs") or {}).get("name")
            name = named if isinstance(named, str) else str(fn.get("name"))
        else:
            continue
        inputs += [_node(inv, r, doc.path) for r in fn.get("reads", []) if isinstance(r, str) and r.strip()]
        outputs += [_node(inv, w, doc.path) for w in fn.get("writes", []) if isinstance(w, str) and w.strip()]
        if not (inputs or outputs):
            continue
        job_id = f"job:{doc.path}#{name}"
        job = inv.jobs.setdefault(job_id, Job(job_id, name, doc.path))
        _extend(job.inputs, inputs)
        _extend(job.outputs, outputs)
        if materialize is not None:
            materialized[str(fn.get("name"))] = job
    for fn in functions if materialized else ():
        if _decorator(fn, ("flow",)) is not None:
            _follow_flow(fn, materialized)


def _extend(side: list[str], ids: list[str]) -> None:
    for node in ids:
        if node not in side:
            side.append(node)


def _follow_flow(fn: dict[str, Any], materialized: dict[str, Job]) -> None:
    """Prefect records an asset's upstream from the values a flow passes it: `raw = fetch()`
    then `process(raw)` makes what `fetch` materializes an input of `process`."""
    made: dict[str, list[str]] = {}  # variable -> the assets the call it holds materialized
    for step in fn.get("steps", []):
        job = materialized.get(str(step.get("func"))) if isinstance(step, dict) else None
        if job is None:
            continue
        for var in step.get("uses", []):
            _extend(job.inputs, [a for a in made.get(var, []) if a not in job.outputs])
        if isinstance(step.get("target"), str):
            made[step["target"]] = list(job.outputs)

"""Dagster, Prefect and Feast Python files, parsed with `ast` and never imported.

`data` holds what the Airflow loader records (calls with literal arguments, string constants,
simple assignments; see scanner/airflow/load.py) plus, for lineage and feature rules, every
decorated function (decorators with their literal arguments, parameter names, the string
literals its body passes to read and write calls, and its calls of plain names with the variables
they pass and assign: a Prefect flow's data passing) and every class field with a literal default.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from scanner.airflow.load import Collector, dotted, literal
from scanner.documents import Document, LoadError
from scanner.loaders.text import read_text
from scanner.pipelines import KIND
from scanner.walk import FileEntry

SNIFF_BYTES = 65536
_IMPORTS = re.compile(rb"^\s*(?:from|import)\s+(dagster|prefect|feast)(?:_\w+)?\b", re.MULTILINE)
# Calls that read or write a file, table or object by a literal location (pandas, polars, open,
# fsspec, pyarrow, Spark); the mode decides for open().
_READS = re.compile(r"(?:^|\.)(?:read_\w+|scan_\w+|load|open_dataset|read_table|table)$")
_WRITES = re.compile(r"(?:^|\.)(?:to_\w+|write_\w+|sink_\w+|save|dump|write_table|saveAsTable|insertInto)$")

# Writers that take the object first and the location second (joblib, pickle, torch, numpy).
_SAVES = re.compile(r"(?:^|\.)(?:dump|save)$")


def frameworks(entry: FileEntry) -> tuple[str, ...]:
    """The platforms a Python file imports, from its first 64 KiB."""
    try:
        with entry.open() as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return ()
    return tuple(sorted({m.group(1).decode() for m in _IMPORTS.finditer(head)}))


def is_pipeline_code(entry: FileEntry) -> bool:
    return bool(frameworks(entry))


def _io(call: ast.Call) -> tuple[str, str] | None:
    """("read"|"write", location) for a call that names its location as a string literal."""
    func = dotted(call.func)
    first = call.args[0] if call.args else None
    target = first if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
    if target is None and _SAVES.search(func) and len(call.args) > 1:  # `joblib.dump(model, "m.joblib")`
        second = call.args[1]
        target = second if isinstance(second, ast.Constant) and isinstance(second.value, str) else None
    if target is None:
        for kw in call.keywords:
            if kw.arg in ("path", "path_or_buf", "filepath_or_buffer", "source", "uri", "file") and isinstance(
                kw.value, ast.Constant
            ):
                target = kw.value if isinstance(kw.value.value, str) else None
    if target is None:
        return None
    location = str(target.value)
    if func == "open":
        mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
        writing = isinstance(mode, ast.Constant) and isinstance(mode.value, str) and any(c in mode.value for c in "wax")
        return ("write" if writing else "read"), location
    if _WRITES.search(func):
        return "write", location
    if _READS.search(func):
        return "read", location
    return None


def _step(call: ast.Call, target: str | None) -> dict[str, Any]:
    """A call of a plain name in a function's body: which variables it passes and which one it
    assigns (`processed = process_data(raw)`), so a flow's data passing can be followed."""
    values = [*call.args, *(k.value for k in call.keywords)]
    return {"func": dotted(call.func), "uses": [v.id for v in values if isinstance(v, ast.Name)], "target": target}


class _Collector(Collector):
    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.data.update(functions=[], fields=[])

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        bases = [dotted(b) for b in node.bases]
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                self._span(f"fields/{len(self.data['fields'])}", stmt)
                field = {"class": node.name, "bases": bases, "name": stmt.target.id}
                self.data["fields"].append(field | {"annotation": ast.unparse(stmt.annotation)})
        self.generic_visit(node)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if node.decorator_list:
            decorators = []
            for dec in node.decorator_list:
                call = dec if isinstance(dec, ast.Call) else None
                decorators.append(
                    {
                        "func": dotted(call.func if call else dec),
                        "args": [literal(a) for a in call.args] if call else [],
                        "kwargs": {kw.arg or "**": literal(kw.value) for kw in call.keywords} if call else {},
                    }
                )
            params = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
            assigned: dict[int, str | None] = {}  # id of a call -> the variable it is assigned to
            io: dict[str, list[str]] = {"read": [], "write": []}
            steps: list[tuple[int, int, dict[str, Any]]] = []  # in source order: a flow runs so
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and (found := _io(sub)) is not None:
                    io[found[0]].append(found[1])
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name):
                    steps.append((sub.lineno, sub.col_offset, _step(sub, assigned.get(id(sub)))))
                elif isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.value, ast.Call):
                    target = sub.targets[0]
                    assigned[id(sub.value)] = target.id if isinstance(target, ast.Name) else None
            self._span(f"functions/{len(self.data['functions'])}", node)
            self.data["functions"].append(
                {
                    "name": node.name,
                    "decorators": decorators,
                    "params": params,
                    "reads": io["read"],
                    "writes": io["write"],
                    "steps": [step for *_, step in sorted(steps, key=lambda s: s[:2])],
                }
            )
        self.generic_visit(node)

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function


def load(entry: FileEntry) -> list[Document]:
    text = read_text(entry)
    try:
        tree = ast.parse(text, filename=entry.rel)
    except SyntaxError as exc:
        raise LoadError(f"parse pipeline code: {exc.msg}", line=exc.lineno, column=exc.offset) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise LoadError(f"parse pipeline code: {type(exc).__name__}") from None
    collector = _Collector(entry.rel)
    try:
        collector.visit(tree)
    except RecursionError:
        raise LoadError("parse pipeline code: nested too deeply", kind="limit") from None
    data: dict[str, Any] = collector.data
    data["frameworks"] = list(frameworks(entry))
    return [Document(kind=KIND, path=entry.rel, data=data, text=text, spans=collector.spans)]

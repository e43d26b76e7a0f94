"""Airflow DAG files, parsed with `ast` and never imported: importing a DAG runs its code.

`data` lists every call (dotted callee, keyword and positional arguments), every string
constant and every simple assignment, with spans, so rules can ask "which operator got which
literal" without executing anything. Non-literal values appear as {"expr": "<source>"}.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from scanner.documents import Document, LoadError, Span
from scanner.loaders.text import read_text
from scanner.walk import FileEntry

_IMPORTS_AIRFLOW = re.compile(rb"^\s*(?:from|import)\s+airflow\b", re.MULTILINE)
SNIFF_BYTES = 65536


def is_dag(entry: FileEntry) -> bool:
    try:
        with entry.open() as fh:
            return _IMPORTS_AIRFLOW.search(fh.read(SNIFF_BYTES)) is not None
    except OSError:
        return False


def literal(node: ast.AST) -> Any:
    """A JSON-compatible value for literals; {"expr": source} for anything computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float, bool, type(None))):
        return node.value
    if isinstance(node, ast.Dict):
        pairs = zip(node.keys, node.values, strict=True)
        return {str(literal(k)) if k is not None else "**": literal(v) for k, v in pairs}
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [literal(e) for e in node.elts]
    return {"expr": ast.unparse(node)}


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return dotted(node.func) + "()"
    return "?"


class Collector(ast.NodeVisitor):
    """Calls, string constants and simple assignments with their spans (the pipeline loader
    extends it with functions and class fields: scanner/pipelines/pycode.py)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.data: dict[str, list[Any]] = {"calls": [], "strings": [], "assigns": []}
        self.spans: dict[str, Span] = {}

    def _span(self, pointer: str, node: ast.AST) -> None:
        line = getattr(node, "lineno", 1)
        self.spans[pointer] = Span(self.path, line, getattr(node, "end_lineno", None) or line)

    def visit_Call(self, node: ast.Call) -> None:
        i = len(self.data["calls"])
        kwargs = {}
        for kw in node.keywords:
            name = kw.arg or "**"
            kwargs[name] = literal(kw.value)
            self._span(f"calls/{i}/kwargs/{name}", kw)
        call = {"func": dotted(node.func), "args": [literal(a) for a in node.args], "kwargs": kwargs}
        self.data["calls"].append(call)
        self._span(f"calls/{i}", node)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self._span(f"strings/{len(self.data['strings'])}", node)
            self.data["strings"].append(node.value)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, (ast.Name, ast.Attribute)):
                self._span(f"assigns/{len(self.data['assigns'])}", node)
                self.data["assigns"].append({"target": dotted(target), "value": literal(node.value)})
        self.generic_visit(node)


def load(entry: FileEntry) -> list[Document]:
    text = read_text(entry)
    try:
        tree = ast.parse(text, filename=entry.rel)
    except SyntaxError as exc:
        raise LoadError(f"parse airflow DAG: {exc.msg}", line=exc.lineno, column=exc.offset) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise LoadError(f"parse airflow DAG: {type(exc).__name__}") from None
    collector = Collector(entry.rel)
    try:
        collector.visit(tree)
    except RecursionError:
        raise LoadError("parse airflow DAG: nested too deeply", kind="limit") from None
    return [Document(kind="airflow", path=entry.rel, data=collector.data, text=text, spans=collector.spans)]

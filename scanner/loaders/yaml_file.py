"""YAML with a source span for every element, safe against alias bombs and deep nesting."""

from __future__ import annotations

import datetime
from typing import Any

import yaml

from scanner.documents import Document, LoadError, Span
from scanner.loaders.text import read_text
from scanner.walk import FileEntry

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Aliases share nodes, so a small file can expand exponentially ("billion laughs").
MAX_NODES = 1_000_000
MAX_DEPTH = 500
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SAFE_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float", "str", "timestamp", "binary", "value")
)


class _Converter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.spans: dict[str, Span] = {}
        self.budget = MAX_NODES
        # Keyed by id(): nodes stay alive in the composed tree for the converter's lifetime.
        self.converted: dict[int, tuple[Any, int]] = {}
        self.constructor = yaml.constructor.SafeConstructor()

    def span(self, start: yaml.Node, end: yaml.Node) -> Span:
        last = end.end_mark.line if end.end_mark.column == 0 else end.end_mark.line + 1
        first = start.start_mark.line + 1
        return Span(self.path, first, max(first, last))

    def convert(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        cached = self.converted.get(id(node))
        if cached is not None:
            # An alias: reuse the value, but charge its expanded size, which is what the
            # Rego input and every rule will see.
            value, size = cached
            self.charge(size)
            return value
        if depth > MAX_DEPTH:
            raise LoadError(f"YAML nested deeper than {MAX_DEPTH} levels", line=node.start_mark.line + 1)
        before = self.budget
        self.charge(1)
        if isinstance(node, yaml.MappingNode):
            value: Any = self.mapping(node, pointer, depth)
        elif isinstance(node, yaml.SequenceNode):
            value = []
            for i, item in enumerate(node.value):
                child = f"{pointer}/{i}" if pointer else str(i)
                self.spans.setdefault(child, self.span(item, item))
                value.append(self.convert(item, child, depth + 1))
        else:
            return self.scalar(node)
        self.converted[id(node)] = (value, before - self.budget)
        return value

    def charge(self, size: int) -> None:
        self.budget -= size
        if self.budget < 0:
            raise LoadError(f"YAML expands to more than {MAX_NODES} nodes (alias bomb?)")

    def mapping(self, node: yaml.MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged = self.convert(value_node, pointer, depth + 1)
                for m in merged if isinstance(merged, list) else [merged]:
                    if isinstance(m, dict):
                        for k, v in m.items():
                            out.setdefault(k, v)
                continue
            # Keys keep their source text: `on:` in a GitHub workflow stays "on", not True.
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(self.scalar(key_node))
            child = f"{pointer}/{key}" if pointer else key
            self.spans[child] = self.span(key_node, value_node)
            out[key] = self.convert(value_node, child, depth + 1)
        return out

    def scalar(self, node: yaml.Node) -> Any:
        if node.tag not in _SAFE_SCALAR_TAGS:
            # Application tags (CloudFormation `!Ref`, `!!python/...`) are kept as plain text,
            # never constructed.
            return node.value if isinstance(node.value, str) else None
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as exc:
            # Its str() appends a snippet of the line (the value itself): the problem only.
            problem = exc.problem or exc.context
            raise LoadError(f"invalid YAML value: {problem}", line=node.start_mark.line + 1) from None
        except (yaml.YAMLError, ValueError, OverflowError):  # `!!int x`, `!!timestamp 2020-99-99`
            tag = node.tag.rsplit(":", 1)[-1]
            raise LoadError(f"invalid YAML value: not a valid {tag}", line=node.start_mark.line + 1) from None
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        if isinstance(value, float) and value != value:  # .nan has no JSON form
            return None
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        return str(node.value)


def _empty(node: yaml.Node | None) -> bool:
    """An empty document (e.g. after a trailing `---`) composes to a null scalar."""
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and node.value == "")


def _compose(path: str, text: str) -> list[yaml.Node]:
    try:
        return [n for n in yaml.compose_all(text, Loader=Loader) if not _empty(n)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise LoadError(f"invalid YAML: {exc.problem or exc.context}", line=line, column=column) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise LoadError(f"YAML nested deeper than {MAX_DEPTH} levels") from None


def documents_of_text(path: str, text: str, kind: str = "yaml") -> list[Document]:
    docs = []
    for index, node in enumerate(_compose(path, text)):
        conv = _Converter(path)
        conv.spans[""] = conv.span(node, node)
        data = conv.convert(node, "", 0)
        docs.append(Document(kind=kind, path=path, data=data, text=text, spans=conv.spans, index=index))
    return docs


def spans_of_text(path: str, text: str) -> dict[str, Span]:
    """Element spans of a JSON or YAML text; empty when it does not compose as YAML."""
    try:
        nodes = _compose(path, text)
        if not nodes:
            return {}
        conv = _Converter(path)
        conv.convert(nodes[0], "", 0)
        return conv.spans
    except LoadError:
        return {}


def load(entry: FileEntry) -> list[Document]:
    return documents_of_text(entry.rel, read_text(entry))

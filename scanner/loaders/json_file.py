"""JSON files. Spans come lazily from a YAML compose of the same text, only when asked."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping

from scanner.documents import Document, LoadError, Span
from scanner.loaders import json_text
from scanner.loaders.text import read_text
from scanner.walk import FileEntry

# json is recursive; a deeply nested file must give a load error, not a RecursionError later.
MAX_DEPTH = 500


class LazySpans(Mapping[str, Span]):
    """Computes a JSON document's element spans on first lookup (most documents never need it)."""

    def __init__(self, path: str, text: str) -> None:
        self._path, self._text = path, text
        self._spans: dict[str, Span] | None = None

    def _load(self) -> dict[str, Span]:
        if self._spans is None:
            from scanner.loaders.yaml_file import spans_of_text

            self._spans = spans_of_text(self._path, self._text)
        return self._spans

    def __getitem__(self, key: str) -> Span:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


def too_deep(data: object, limit: int = MAX_DEPTH) -> bool:
    """Iterative, so that checking depth cannot itself overflow the stack."""
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return False


def load(entry: FileEntry) -> list[Document]:
    text = read_text(entry)
    try:
        data = json_text.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise LoadError(
            f"JSON nested deeper than Python can parse (limit {sys.getrecursionlimit()})", kind="limit"
        ) from None
    if too_deep(data):
        raise LoadError(f"JSON nested deeper than {MAX_DEPTH} levels", kind="limit")
    return [Document(kind="json", path=entry.rel, data=data, text=text, spans=LazySpans(entry.rel, text))]

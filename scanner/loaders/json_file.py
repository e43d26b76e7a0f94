"""JSON files. Spans come lazily from a YAML compose of the same text, only when asked."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from scanner.documents import Document, LoadError, Span
from scanner.loaders import json_text, nesting
from scanner.loaders.text import read_text
from scanner.walk import FileEntry


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


def loads(text: str | bytes, what: str = "JSON") -> object:
    """`json.loads` of repository content: nesting checked first (BudgetExceeded, kind `limit`),
    syntax errors as a LoadError naming line and column."""
    nesting.check(text, what)
    try:
        return json_text.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(f"invalid {what}: {exc.msg}", line=exc.lineno, column=exc.colno) from None
    except UnicodeDecodeError as exc:
        raise LoadError(f"invalid {what}: not UTF-8 (byte {exc.start})") from None


def load(entry: FileEntry) -> list[Document]:
    text = read_text(entry)
    data = loads(text)
    return [Document(kind="json", path=entry.rel, data=data, text=text, spans=LazySpans(entry.rel, text))]

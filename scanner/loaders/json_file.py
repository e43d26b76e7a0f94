"""JSON files. Spans come lazily from a YAML compose of the same text, only when asked.

Strict JSON first; a file that is not strict JSON may still be JSONC (comments, trailing commas:
see jsonc) or JSON Lines whose records are too long for formats.kind_for to sniff; an empty
file is no document. Anything else is the file's parse error, with its line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from scanner.documents import Document, LoadError, Span
from scanner.loaders import json_text, jsonc, nesting
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
    if not text.strip():
        return []  # an empty file (a placeholder, a catalog not generated yet): nothing to check
    try:
        data, parsed = loads(text), text
    except LoadError as strict:
        if strict.kind != "parse":
            raise
        relaxed = jsonc.relaxed(text)
        if relaxed is not None:  # its error, on the same lines, is the file's error now
            data, parsed = loads(relaxed, "JSON (with comments)"), relaxed
        elif strict.message.startswith("invalid JSON: Extra data"):
            return [_json_lines(entry.rel, text, strict)]
        else:
            raise
    return [Document(kind="json", path=entry.rel, data=data, text=text, spans=LazySpans(entry.rel, parsed))]


def _json_lines(path: str, text: str, strict: LoadError) -> Document:
    """One JSON value per line: `data` is the list of values, each spanning its own line. When
    the first line is not a value the file is no JSON Lines, and its error is the strict one."""
    values: list[object] = []
    spans: dict[str, Span] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values.append(loads(line, "JSON Lines"))
        except LoadError as exc:
            if not values:
                raise strict from None
            raise LoadError(exc.message, line=n, column=exc.column, kind=exc.kind) from None
        spans[str(len(values) - 1)] = Span(path, n, n)
    spans[""] = Span(path, 1, max(1, len(text.splitlines())))
    return Document(kind="json", path=path, data=values, text=text, spans=spans)

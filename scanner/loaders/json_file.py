"""JSON files. Spans come lazily from a YAML compose of the same text, only when asked.

Strict JSON first; a file that is not strict JSON may still be JSONC (comments, trailing commas:
see jsonc), JSON Lines whose records are too long for formats.kind_for to sniff, or a stream of
values one after another (json_stream: `pachctl` takes a file of several specs); an empty
file is no document. Anything else is the file's parse error, with its line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from scanner.documents import Document, LoadError, Span
from scanner.loaders import json_stream, json_text, jsonc, nesting
from scanner.loaders.text import read_text
from scanner.walk import FileEntry


class LazySpans(Mapping[str, Span]):
    """Computes a JSON document's element spans on first lookup (most documents never need it).
    `first_line`: where `text` starts in its file (an object of a stream), whose span is the
    document's own (`""`) when its elements cannot be placed."""

    def __init__(self, path: str, text: str, first_line: int = 1) -> None:
        self._path, self._text, self._first = path, text, first_line
        self._spans: dict[str, Span] | None = None

    def _load(self) -> dict[str, Span]:
        if self._spans is None:
            from scanner.loaders.yaml_file import spans_of_text

            spans = spans_of_text(self._path, self._text)
            if self._first != 1:
                shift = self._first - 1
                spans = {k: Span(s.path, s.line + shift, s.end_line + shift) for k, s in spans.items()}
                end = self._first + self._text.count("\n")
                spans.setdefault("", Span(self._path, self._first, end))
            self._spans = spans
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
            try:
                return [_json_lines(entry.rel, text, strict)]
            except LoadError as not_lines:
                try:
                    return json_stream.documents(entry.rel, text, not_lines)
                except LoadError as not_stream:
                    # JSON Lines past their first line: their error names the broken line
                    raise (not_stream if not_lines is strict else not_lines) from None
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

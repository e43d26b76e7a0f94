"""CSV, TSV and JSON Lines data: the header and a bounded sample of rows, read as a stream.

`data` = {"format", "size", "columns": [...], "rows": [[cell, ...], ...], "sampled": n}. The
cells stay in memory for rules (e.g. PII detection) and must never be echoed in findings.
`text` is only the sampled lines, so line numbers of text rules stay right.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import PurePosixPath
from typing import Any

from scanner.documents import Document, LoadError, Span
from scanner.loaders import json_text, nesting
from scanner.walk import FileEntry

SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".ndjson"})
MAX_ROWS = 1000
# The rest of a longer "line" is skipped, never held in memory; this is also the csv module's
# default field size limit, so no sampled field can exceed it.
MAX_LINE_CHARS = 128 * 1024
MAX_SAMPLE_CHARS = 16 << 20


def _lines(fh: io.TextIOBase, limit: int) -> tuple[list[str], set[int]]:
    """Up to `limit` lines, and the 1-based numbers of those cut at MAX_LINE_CHARS."""
    out: list[str] = []
    cut: set[int] = set()
    total = 0
    while len(out) < limit and total < MAX_SAMPLE_CHARS:
        line = fh.readline(MAX_LINE_CHARS)
        if not line:
            break
        if len(line) == MAX_LINE_CHARS and not line.endswith("\n"):
            while (rest := fh.readline(MAX_LINE_CHARS)) and not rest.endswith("\n"):
                pass
            line += "\n"
            cut.add(len(out) + 1)
        out.append(line)
        total += len(line)
    return out, cut


def _delimited(lines: list[str], delimiter: str) -> tuple[list[str], list[list[str]]]:
    try:
        rows = list(csv.reader(lines, delimiter=delimiter))
    except csv.Error as exc:
        raise LoadError(f"read {delimiter!r}-separated data: {exc}") from None
    if not rows:
        return [], []
    return rows[0], rows[1:]


def _cell(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _jsonl(lines: list[str], cut: set[int]) -> tuple[list[str], list[list[str]]]:
    records: list[dict[str, Any]] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip() or n in cut:  # a record cut short is not invalid, only unsampled
            continue
        nesting.check(line, "JSON Lines", first_line=n)
        try:
            value = json_text.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise LoadError(f"read JSON Lines: invalid JSON: {getattr(exc, 'msg', exc)}", line=n) from None
        if isinstance(value, dict):
            records.append(value)
    columns = list(dict.fromkeys(k for r in records for k in r))
    rows = [[_cell(r[c]) if c in r else "" for c in columns] for r in records]
    return columns, rows


def load(entry: FileEntry) -> list[Document]:
    suffix = PurePosixPath(entry.rel).suffix.lower()
    with entry.open() as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as fh:
        lines, cut = _lines(fh, MAX_ROWS + 1)
    if suffix in (".csv", ".tsv"):
        columns, rows = _delimited(lines, "\t" if suffix == ".tsv" else ",")
    else:  # .jsonl, .ndjson, or JSON Lines under another name (formats.kind_for sniffs it)
        columns, rows = _jsonl(lines, cut)
    header = Span(entry.rel, 1, 1)
    spans = {"": header, **{f"columns/{i}": header for i in range(len(columns))}}
    data = {
        "format": suffix.lstrip(".") if suffix in SUFFIXES else "jsonl",
        "size": entry.size,
        "columns": columns,
        "rows": rows,
        "sampled": len(rows),
    }
    return [Document(kind="tabular", path=entry.rel, data=data, text="".join(lines), spans=spans)]

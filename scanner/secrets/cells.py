"""Notebook cells and outputs as separately scanned texts, each line mapped back to the line of
the .ipynb file that holds it. Inline images (`image/*` outputs) are never scanned."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scanner.documents import Document


@dataclass(frozen=True)
class Chunk:
    text: str
    pointer: str  # "/"-joined element path of the chunk's parts in the notebook JSON
    parts: tuple[str, ...]  # the list items (or the one string) the text is made of
    cell: int
    where: str  # "source" or "output"
    cell_type: str

    def line_map(self, doc: Document) -> list[int]:
        """The .ipynb line of each line of `text` (nbformat writes one list item per line)."""
        fallback = doc.span_of(tuple(self.pointer.split("/")))
        default = fallback.line if fallback else 1
        out: list[int] = []
        at_line_start = True
        for j, part in enumerate(self.parts):
            span = doc.spans.get(f"{self.pointer}/{j}") if len(self.parts) > 1 else None
            line = span.line if span is not None else default
            if at_line_start:
                out.append(line)
            newlines = part.count("\n")
            if part.endswith("\n"):
                out.extend([line] * (newlines - 1))
                at_line_start = True
            else:
                out.extend([line] * newlines)
                at_line_start = False
        return out or [default]


def _parts(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _output_texts(output: dict[str, Any], base: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    for key in ("text", "traceback"):
        parts = _parts(output.get(key))
        if parts:
            yield f"{base}/{key}", parts
    if isinstance(output.get("evalue"), str):
        yield f"{base}/evalue", (output["evalue"],)
    data = output.get("data")
    if isinstance(data, dict):
        for mime, value in data.items():
            if mime.startswith("image/"):
                continue  # base64 pictures: random-looking, never credentials
            parts = _parts(value)
            if parts is None and isinstance(value, (dict, list)):
                parts = (json.dumps(value, indent=1),)
            if parts:
                yield f"{base}/data/{mime}", parts


def chunks(doc: Document) -> Iterator[Chunk]:
    cells = doc.data.get("cells") if isinstance(doc.data, dict) else None
    for i, cell in enumerate(cells if isinstance(cells, list) else []):
        if not isinstance(cell, dict):
            continue
        cell_type = str(cell.get("cell_type", "code"))
        parts = _parts(cell.get("source"))
        if parts:
            yield Chunk("".join(parts), f"cells/{i}/source", parts, i, "source", cell_type)
        outputs = cell.get("outputs")
        for k, output in enumerate(outputs if isinstance(outputs, list) else []):
            if isinstance(output, dict):
                for pointer, out_parts in _output_texts(output, f"cells/{i}/outputs/{k}"):
                    yield Chunk("".join(out_parts), pointer, out_parts, i, "output", cell_type)

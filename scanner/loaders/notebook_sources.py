"""The cells of a notebook larger than the file-size cap, without its outputs.

What makes a notebook big is its outputs (images, long logs, data frames); its source cells are
small, and they are where keys are typed. This reads the file in chunks and keeps only each
cell's `cell_type` and `source` (with the line of every source item, for findings); every other
value, outputs included, is skipped as it streams past, so memory stays bounded by the chunk
size plus the sources kept. The sources kept are capped too: past `max_bytes` of source text the
file is reported as over the limit with what was read so far."""

from __future__ import annotations

import codecs
import json
import re
from typing import Any, BinaryIO

from scanner.documents import Document, LoadError, ScanError, Span
from scanner.walk import FileEntry

CHUNK = 1 << 20
_SPACE = re.compile(r"[ \t\r\n]*")
_STRING_BODY = re.compile(r'(?:[^"\\]|\\.)*', re.DOTALL)
_SKIP_RUN = re.compile(r'[^"{}\[\]]+')
_SCALAR = re.compile(r"[^,}\]\s]+")


class _Reader:
    """A JSON text read chunk by chunk; `pos` indexes `buf`, `line` is the line at `pos`."""

    def __init__(self, fh: BinaryIO, path: str) -> None:
        self.fh, self.path = fh, path
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self.buf, self.pos, self.line, self.eof = "", 0, 1, False

    def _more(self) -> bool:
        if self.eof:
            return False
        raw = self.fh.read(CHUNK)
        self.eof = not raw
        self.buf = self.buf[self.pos :] + self.decoder.decode(raw, final=self.eof)
        self.pos = 0
        return bool(raw) or bool(self.buf)

    def _advance(self, to: int) -> None:
        self.line += self.buf.count("\n", self.pos, to)
        self.pos = to

    def char(self) -> str:
        """The next non-space character, not consumed; "" at the end of the file."""
        while True:
            self._advance(_SPACE.match(self.buf, self.pos).end())  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, c: str) -> None:
        if self.char() != c:
            raise LoadError(f"invalid notebook JSON: expected `{c}`", line=self.line)
        self.pos += 1

    def string(self, keep: bool) -> str | None:
        """The string starting at `pos` (decoded when `keep`); a skipped one is never held whole."""
        self.expect('"')
        parts: list[str] = []
        while True:
            end = _STRING_BODY.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if end < len(self.buf) and self.buf[end] == '"':
                if keep:
                    parts.append(self.buf[self.pos : end])
                self.pos = end + 1
                return json.loads('"' + "".join(parts) + '"') if keep else None
            # The chunk ended inside the string (maybe inside an escape: that part is read again).
            if keep:
                parts.append(self.buf[self.pos : end])
            self.pos = end
            if not self._more() or self.pos >= len(self.buf):
                raise LoadError("invalid notebook JSON: unterminated string", line=self.line)

    def skip_value(self) -> None:
        c = self.char()
        if c == '"':
            self.string(keep=False)
            return
        if c not in "{[":
            m = _SCALAR.match(self.buf, self.pos)
            if m is None:
                raise LoadError("invalid notebook JSON: expected a value", line=self.line)
            while m.end() == len(self.buf) and self._more():  # a number cut by the chunk's end
                m = _SCALAR.match(self.buf, self.pos)  # type: ignore[assignment]
            self.pos = m.end()  # type: ignore[union-attr]
            return
        depth = 0
        while True:
            c = self.char()
            if c == "":
                raise LoadError("invalid notebook JSON: unexpected end of file", line=self.line)
            if c == '"':
                self.string(keep=False)
                continue
            if c in "{[":
                depth += 1
            elif c in "}]":
                depth -= 1
            else:
                run = _SKIP_RUN.match(self.buf, self.pos)
                self._advance(run.end() if run else self.pos + 1)
                continue
            self.pos += 1
            if depth == 0:
                return

    def members(self) -> Any:
        """The keys of the object at `pos`, one by one; the caller reads or skips each value."""
        self.expect("{")
        if self.char() == "}":
            self.pos += 1
            return
        while True:
            key = self.string(keep=True)
            self.expect(":")
            yield key
            c = self.char()
            self.pos += 1
            if c == "}":
                return
            if c != ",":
                raise LoadError("invalid notebook JSON: expected `,` or `}`", line=self.line)

    def items(self) -> Any:
        self.expect("[")
        if self.char() == "]":
            self.pos += 1
            return
        index = 0
        while True:
            yield index
            index += 1
            c = self.char()
            self.pos += 1
            if c == "]":
                return
            if c != ",":
                raise LoadError("invalid notebook JSON: expected `,` or `]`", line=self.line)


class _Budget(Exception):
    pass


def _source(reader: _Reader, pointer: str, spans: dict[str, Span], budget: list[int]) -> str | list[str]:
    def one(at: str) -> str:
        spans[at] = Span(reader.path, reader.line, reader.line)
        value = reader.string(keep=True) or ""
        budget[0] -= len(value)
        if budget[0] < 0:
            raise _Budget
        return value

    if reader.char() == '"':
        return one(pointer)
    spans[pointer] = Span(reader.path, reader.line, reader.line)
    out = []
    for j in reader.items():
        if reader.char() != '"':
            reader.skip_value()
            continue
        out.append(one(f"{pointer}/{j}"))
    return out


def load(entry: FileEntry, max_bytes: int) -> tuple[list[Document], ScanError]:
    """The notebook's cells without outputs, and the note (or limit error) that says so."""
    cells: list[dict[str, Any]] = []
    spans: dict[str, Span] = {}
    budget = [max_bytes]
    with entry.open() as fh:
        reader = _Reader(fh, entry.rel)
        try:
            for key in reader.members():
                if key != "cells":
                    reader.skip_value()
                    continue
                for i in reader.items():
                    cell: dict[str, Any] = {}
                    cells.append(cell)
                    for field in reader.members():
                        if field == "cell_type" and reader.char() == '"':
                            cell["cell_type"] = reader.string(keep=True)
                        elif field == "source":
                            cell["source"] = _source(reader, f"cells/{i}/source", spans, budget)
                        else:
                            reader.skip_value()
        except _Budget:
            doc = Document(kind="notebook", path=entry.rel, data={"cells": cells}, text="", spans=spans)
            message = (
                f"larger than {max_bytes} bytes ({entry.size}), and so are its source cells: "
                f"only the first {len(cells)} cells were scanned"
            )
            return [doc], ScanError(entry.rel, message, line=reader.line, kind="limit")
    doc = Document(kind="notebook", path=entry.rel, data={"cells": cells}, text="", spans=spans)
    message = (
        f"larger than {max_bytes} bytes ({entry.size}): its {len(cells)} source cells were scanned, "
        "its outputs were not"
    )
    return [doc], ScanError(entry.rel, message, kind="note")

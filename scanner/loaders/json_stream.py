"""A stream of JSON values one after another, as `pachctl create pipeline -f` and `jq` read
them: `{...}{...}`, values on lines of their own, or separated by YAML's `---` lines. Each value
is a document of its own (`index` = its place in the file) whose spans are the file's lines.

One pass with `JSONDecoder.raw_decode`, each value decoded once: linear in the file. The nesting
budget was checked on the whole text before (json_file.loads).
"""

from __future__ import annotations

import json
import re

from scanner.documents import Document, LoadError
from scanner.loaders import json_text

# Between two values: whitespace, and `---` lines (a YAML document separator; JSON is YAML).
_GAP = re.compile(r"(?:\s|(?<![^\n])---[ \t]*(?=\r?\n|$))*")


def documents(path: str, text: str, not_lines: LoadError) -> list[Document]:
    """The documents of a stream. When the first value does not decode the file is no stream and
    its error is `not_lines` (JSON Lines' own, or the strict one); text after a value that starts
    no value is extra data at its line; a later value that does not decode is the file's error
    at that line, naming which value it is."""
    from scanner.loaders.json_file import LazySpans

    decoder = json.JSONDecoder()
    docs: list[Document] = []
    pos, line = 0, 1
    while True:
        gap = _GAP.match(text, pos)
        end_of_gap = gap.end() if gap else pos
        line += text.count("\n", pos, end_of_gap)
        pos = end_of_gap
        if pos >= len(text):
            break
        try:
            value, end = json_text.raw_decode(decoder, text, pos)
        except json.JSONDecodeError as exc:
            if not docs:
                raise not_lines from None
            if exc.pos == pos:  # no value starts here: trailing text after the values
                raise LoadError("invalid JSON: Extra data", line=exc.lineno, column=exc.colno) from None
            raise LoadError(
                f"invalid JSON stream: value {len(docs) + 1}: {exc.msg}", line=exc.lineno, column=exc.colno
            ) from None
        spans = LazySpans(path, text[pos:end], first_line=line)
        docs.append(Document(kind="json", path=path, data=value, text=text, spans=spans, index=len(docs)))
        line += text.count("\n", pos, end)
        pos = end
    return docs

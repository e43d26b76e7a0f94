"""Jupyter notebooks (.ipynb): the nbformat JSON, with element spans for cells and outputs."""

from __future__ import annotations

import json

from scanner.documents import Document, LoadError
from scanner.loaders import json_text
from scanner.loaders.json_file import LazySpans, too_deep
from scanner.loaders.text import read_text
from scanner.walk import FileEntry


def load(entry: FileEntry) -> list[Document]:
    text = read_text(entry)
    try:
        data = json_text.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(f"invalid notebook JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise LoadError("notebook JSON nested too deeply", kind="limit") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise LoadError("not a Jupyter notebook: no top-level `cells` list (nbformat 4)")
    if too_deep(data):
        raise LoadError("notebook JSON nested too deeply", kind="limit")
    return [Document(kind="notebook", path=entry.rel, data=data, text=text, spans=LazySpans(entry.rel, text))]

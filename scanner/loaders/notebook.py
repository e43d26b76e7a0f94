"""Jupyter notebooks (.ipynb): the nbformat JSON, with element spans for cells and outputs."""

from __future__ import annotations

from scanner.documents import Document, LoadError
from scanner.loaders.json_file import LazySpans, loads
from scanner.loaders.text import read_text
from scanner.walk import FileEntry


def load(entry: FileEntry) -> list[Document]:
    text = read_text(entry)
    data = loads(text, "notebook JSON")
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise LoadError("not a Jupyter notebook: no top-level `cells` list (nbformat 4)")
    return [Document(kind="notebook", path=entry.rel, data=data, text=text, spans=LazySpans(entry.rel, text))]

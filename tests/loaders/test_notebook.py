from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.documents import LoadError
from scanner.formats import kind_for
from scanner.loaders.notebook import load
from scanner.walk import FileEntry


def _entry(tmp_path: Path, text: str) -> FileEntry:
    path = tmp_path / "nb.ipynb"
    path.write_text(text, encoding="utf-8")
    return FileEntry("nb.ipynb", path, path.stat().st_size, False)


def test_loads_cells_with_spans(tmp_path: Path) -> None:
    nb = {"cells": [{"cell_type": "code", "source": ["a = 1\n", "b = 2\n"], "outputs": []}], "nbformat": 4}
    (doc,) = load(_entry(tmp_path, json.dumps(nb, indent=1)))
    assert doc.kind == "notebook" and doc.data["cells"][0]["source"][1] == "b = 2\n"
    assert doc.spans["cells/0/source/1"].line == 7


@pytest.mark.parametrize(
    ("text", "message"),
    [('{\n  "cells": [\n', "invalid notebook JSON"), ('{"metadata": {}}', "no top-level `cells` list")],
)
def test_bad_notebooks_are_load_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(LoadError, match=message):
        load(_entry(tmp_path, text))


def test_kind_for_ipynb(tmp_path: Path) -> None:
    assert kind_for(_entry(tmp_path, "{}")) == "notebook"

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.documents import LoadError
from scanner.loaders import json_file
from scanner.walk import list_files


def load(tmp_path: Path, text: str | bytes):  # type: ignore[no-untyped-def]
    p = tmp_path / "f.json"
    p.write_bytes(text if isinstance(text, bytes) else text.encode())
    (entry,) = list_files([tmp_path]).files
    return json_file.load(entry)


def test_data_and_lazy_spans(tmp_path: Path) -> None:
    (doc,) = load(tmp_path, '{\n  "a": {\n    "b": [1,\n      2]\n  }\n}\n')
    assert doc.data == {"a": {"b": [1, 2]}}
    assert doc.span_of(("a", "b", 1)).line == 4


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [('{"a": 1,\n "b": }', 2, 7), ("[1, 2", 1, 6), (b'{"a": "\xff"}', 1, None)],
)
def test_malformed_json_names_line(tmp_path: Path, text: str | bytes, line: int, column: int | None) -> None:
    with pytest.raises(LoadError) as info:
        load(tmp_path, text)
    assert info.value.line == line
    assert info.value.column == column


def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="nested deeper") as info:
        load(tmp_path, "[" * 100_000 + "]" * 100_000)
    assert info.value.kind == "limit"
    with pytest.raises(LoadError, match="nested deeper") as info:
        load(tmp_path, "[" * 700 + "]" * 700)
    assert info.value.kind == "limit"

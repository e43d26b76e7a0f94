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


def test_jsonc_loads_and_its_errors_keep_their_lines(tmp_path: Path) -> None:
    (doc,) = load(tmp_path, '{\n  // a comment\n  "a": {\n    "b": [1, 2,],\n  },\n}\n')
    assert doc.data == {"a": {"b": [1, 2]}}
    assert doc.span_of(("a", "b", 1)).line == 4
    # A real error in a file with comments names its own line, not the first comment's.
    with pytest.raises(LoadError) as info:
        load(tmp_path, '{\n  // a comment\n  "a": 1,\n  "b": \n}\n')
    assert (info.value.line, info.value.kind) == (5, "parse")


def test_json_lines_in_a_json_file(tmp_path: Path) -> None:
    long = '{"text": "' + "x" * 9000 + '"}'  # longer than the content sniff reads
    (doc,) = load(tmp_path, f'{long}\n\n{{"a": 2}}\n[3]\n')
    assert doc.data == [{"text": "x" * 9000}, {"a": 2}, [3]]
    assert [doc.span_of((i,)).line for i in range(3)] == [1, 3, 4]
    # True-positive twin: a broken record is an error on its own line.
    with pytest.raises(LoadError) as info:
        load(tmp_path, f'{long}\n{{"a": 2}}\n{{"a": }}\n')
    assert (info.value.line, info.value.message) == (3, "invalid JSON Lines: Expecting value")


def test_pretty_json_with_trailing_garbage_keeps_the_strict_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load(tmp_path, '{\n  "a": 1\n}\n}\n')
    assert (info.value.line, info.value.message) == (4, "invalid JSON: Extra data")


@pytest.mark.parametrize("text", ["", "\n  \n"])
def test_an_empty_file_is_no_document(tmp_path: Path, text: str) -> None:
    assert load(tmp_path, text) == []

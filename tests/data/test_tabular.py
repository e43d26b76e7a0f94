"""Tabular data: header plus a bounded sample, streamed."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.data import tabular
from scanner.documents import LoadError
from scanner.walk import FileEntry


def _entry(tmp_path: Path, name: str, content: str) -> FileEntry:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    return FileEntry(rel=name, abs=path, size=path.stat().st_size, binary=False)


def test_sample_is_bounded(tmp_path: Path) -> None:
    rows = "".join(f"{i},x\n" for i in range(tabular.MAX_ROWS * 3))
    [doc] = tabular.load(_entry(tmp_path, "d.csv", "id,v\n" + rows))
    assert doc.data["columns"] == ["id", "v"]
    assert doc.data["sampled"] == tabular.MAX_ROWS
    assert doc.text is not None and doc.text.count("\n") == tabular.MAX_ROWS + 1


def test_quoted_newlines_and_tsv(tmp_path: Path) -> None:
    [doc] = tabular.load(_entry(tmp_path, "d.csv", 'a,b\n"multi\nline",2\n'))
    assert doc.data["rows"] == [["multi\nline", "2"]]
    [doc] = tabular.load(_entry(tmp_path, "d.tsv", "a\tb\n1\t2\n"))
    assert doc.data["rows"] == [["1", "2"]]


def test_jsonl_columns_are_the_union_of_keys(tmp_path: Path) -> None:
    [doc] = tabular.load(_entry(tmp_path, "d.jsonl", '{"a": 1}\n\n{"b": "x", "a": [2]}\n'))
    assert doc.data["columns"] == ["a", "b"]
    assert doc.data["rows"] == [["1", ""], ["[2]", "x"]]


def test_bad_jsonl_line_is_a_load_error_with_line(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as err:
        tabular.load(_entry(tmp_path, "d.jsonl", '{"a": 1}\n{"a": \n'))
    assert err.value.line == 2


def test_endless_line_is_cut_not_loaded(tmp_path: Path) -> None:
    [doc] = tabular.load(_entry(tmp_path, "d.csv", "a,b\n" + "x" * (tabular.MAX_LINE_CHARS * 3) + "\n1,2\n"))
    assert doc.data["rows"][1] == ["1", "2"]
    assert len(doc.data["rows"][0][0]) == tabular.MAX_LINE_CHARS


def test_long_jsonl_record_is_skipped_not_an_error(tmp_path: Path) -> None:
    long_record = '{"emb": [' + ",".join(["0.125"] * tabular.MAX_LINE_CHARS) + "]}\n"
    [doc] = tabular.load(_entry(tmp_path, "d.jsonl", long_record + '{"a": 1}'))
    assert doc.data["columns"] == ["a"]

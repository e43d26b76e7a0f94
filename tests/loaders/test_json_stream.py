"""Streams of JSON values in one file (`pachctl create pipeline -f` takes several specs): each
value a document with its own lines; a broken value an error at its line; linear work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.documents import LoadError
from scanner.loaders import json_file, json_stream, json_text
from scanner.walk import list_files

A = '{\n  "name": "a",\n  "items": [1,\n    2]\n}'
B = '{\n  "name": "b"\n}'


def load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    (tmp_path / "f.json").write_text(text)
    (entry,) = list_files([tmp_path]).files
    return json_file.load(entry)


@pytest.mark.parametrize(
    ("text", "b_line"),
    [
        (A + B, 5),  # `}{` on one line
        (A + "\n" + B + "\n", 6),
        (A + "\n\n\n" + B, 8),
        (A + "\n---\n" + B + "\n", 7),  # YAML's document separator between JSON documents
        (A + "\n--- \r\n" + B, 7),
    ],
)
def test_each_value_is_a_document_with_its_own_lines(tmp_path: Path, text: str, b_line: int) -> None:
    a, b = load(tmp_path, text)
    assert (a.data, b.data) == ({"name": "a", "items": [1, 2]}, {"name": "b"})
    assert (a.index, b.index, a.kind, b.kind) == (0, 1, "json", "json")
    assert a.span_of(("items", 1)).line == 4
    assert b.span_of(("name",)).line == b_line + 1
    assert b.span_of(("nothing",)).line == b_line  # the value's own span when no element matches
    assert a.text == b.text == text


def test_a_tab_after_a_value_keeps_the_lines(tmp_path: Path) -> None:
    """Pachyderm's own examples end lines with a tab inside a spec of a stream."""
    _, b = load(tmp_path, A + "\n" + '{\n  "cmd": ["x"\t],\n\t"name": "b"\n}')
    assert b.data == {"cmd": ["x"], "name": "b"}
    assert (b.span_of(("cmd",)).line, b.span_of(("name",)).line) == (7, 8)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (A + "\n" + '{\n  "name": \n}', 8, "invalid JSON stream: value 2: Expecting value"),
        (A + B + "\n" + '{"x": tru}', 8, "invalid JSON stream: value 3: Expecting value"),
        (A + "\n" + B + "\n}\n", 9, "invalid JSON: Extra data"),  # trailing text starts no value
        (A + "\n---\n---x\n", 7, "invalid JSON: Extra data"),
        (A + "\n" + '{"n": ' + "9" * 5000 + "}", 6, "invalid JSON stream: value 2: a number of more than 4300 digits"),
    ],
)
def test_a_broken_value_is_an_error_at_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    with pytest.raises(LoadError) as info:
        load(tmp_path, text)
    assert (info.value.line, info.value.message, info.value.kind) == (line, message, "parse")


def test_json_lines_stay_one_document_and_a_multi_line_record_makes_a_stream(tmp_path: Path) -> None:
    (lines,) = load(tmp_path, '{"a": 1}\n{"a": 2}\n')
    assert lines.data == [{"a": 1}, {"a": 2}]
    first, second = load(tmp_path, '{"a": 1}\n{\n  "a": 2\n}\n')
    assert (first.data, second.data, second.span_of(("a",)).line) == ({"a": 1}, {"a": 2}, 3)


def test_every_value_is_decoded_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linear: one decode per value, each starting where the previous one ended."""
    starts: list[int] = []
    real = json_text.raw_decode

    def counting(decoder: json.JSONDecoder, text: str, pos: int):  # type: ignore[no-untyped-def]
        starts.append(pos)
        return real(decoder, text, pos)

    monkeypatch.setattr(json_stream.json_text, "raw_decode", counting)
    values = [{"n": i, "pad": "x" * (i % 7)} for i in range(3000)]
    text = "\n---\n".join(json.dumps(v, indent=1) for v in values)
    docs = load(tmp_path, text)
    assert [d.data for d in docs] == values
    assert len(starts) == len(values) and starts == sorted(set(starts))

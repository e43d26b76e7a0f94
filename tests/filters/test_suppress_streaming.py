"""Inline-ignore lookup streams files: bounded memory whatever the file's size, binary files not
read, the same directives as reading the whole text."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest

from scanner.filters import suppress
from tests.filters.test_suppress import _apply, _finding

LINE = 'x = "value" # filler to make the file large\n'


def test_a_large_file_costs_bounded_memory(tmp_path: Path) -> None:
    lines = 300_000  # 14 MB: the whole text would cost twice that
    with (tmp_path / "big.tf").open("w") as fh:
        fh.write(LINE * (lines // 2))
        fh.write("# mlcomply:ignore MLC-SEC-002 reviewed\n")
        fh.write(LINE * (lines // 2))
    target = lines // 2 + 2
    tracemalloc.start()
    try:
        (out,), _ = _apply(tmp_path, [_finding("MLC-SEC-002", "big.tf", target)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out.suppression is not None and out.suppression.source == f"big.tf:{lines // 2 + 1}"
    assert peak < 4 << 20, peak


def test_a_line_longer_than_a_piece(tmp_path: Path) -> None:
    (tmp_path / "long.tf").write_text(
        "x = 1 # " + "a" * (3 * suppress.MAX_PIECE) + "\n# mlcomply:ignore MLC-SEC-002 ok\ny = 2\n"
    )
    (out,), _ = _apply(tmp_path, [_finding("MLC-SEC-002", "long.tf", 3)])
    assert out.suppression is not None and out.suppression.source == "long.tf:2"


def test_binary_files_are_not_read_for_directives(tmp_path: Path) -> None:
    (tmp_path / "model.pkl").write_bytes(b"\x80\x04\0# mlcomply:ignore MLC-SEC-002 nope\n")
    (out,), notes = _apply(tmp_path, [_finding("MLC-SEC-002", "model.pkl", 1)])
    assert out.suppression is None and notes == []


def test_a_symlinked_file_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.tf"
    outside.write_text("# mlcomply:ignore MLC-SEC-002 from outside\nx = 1\n")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "main.tf").symlink_to(outside)
    (out,), _ = _apply(root, [_finding("MLC-SEC-002", "main.tf", 2)])
    assert out.suppression is None


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("main.tf", '# mlcomply:ignore MLC-X-001 a\n\n// note\n/* block\n * more */\nresource "a" "b" {}\n'),
        (
            "a.py",
            "x = 1\n# mlcomply:ignore MLC-X-001 r\n# mlcomply:ignore MLC-X-002 s\n\n"
            "y = 2  # mlcomply:ignore MLC-X-003\n",
        ),
        ("a.py", "s = '''\n# mlcomply:ignore MLC-X-001 in a string\n'''\n"),
        ("a.yaml", "a: 1\n# mlcomply:ignore MLC-X-001 last line\n"),
        ("a.yaml", "a: 1\r\n  # mlcomply:ignore MLC-X-001 crlf\r\nb: 2\r\n"),
    ],
)
def test_streamed_directives_match_the_whole_text(tmp_path: Path, path: str, text: str) -> None:
    (tmp_path / path).write_bytes(text.encode())
    whole = suppress.parse(path, text, [])
    assert suppress._read(tmp_path, path, []) == whole
    assert whole or "in a string" in text


@pytest.mark.parametrize("at", [0, 1, 5, 7, 8, 9, 14, 15, 16, 30])
def test_the_keyword_is_found_wherever_a_read_cuts_it(monkeypatch: pytest.MonkeyPatch, at: int) -> None:
    # A file is read line by line only when its bytes hold the keyword: one cut between two
    # pieces must still count, or its directive would be lost.
    monkeypatch.setattr(suppress, "MAX_PIECE", 8)
    text = b"x" * at + b"# mlcomply:ignore MLC-SEC-002 ok\n"
    assert suppress._mentions_directive(io.BytesIO(b"\xef\xbb\xbf" + text))
    assert not suppress._mentions_directive(io.BytesIO(text.replace(b"ignore", b"ignor_")))


def test_a_file_without_the_keyword_is_not_read_by_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.tf").write_text(LINE * 10)
    (tmp_path / "b.tf").write_text(LINE + "# mlcomply:ignore MLC-SEC-002 ok\n" + LINE)
    reads = []
    pieces = suppress._pieces
    monkeypatch.setattr(suppress, "_pieces", lambda fh: (reads.append(1), pieces(fh))[1])
    out, _ = _apply(tmp_path, [_finding("MLC-SEC-002", "a.tf", 2), _finding("MLC-SEC-002", "b.tf", 3)])
    assert [f.suppression is not None for f in out] == [False, True]
    assert len(reads) == 2  # b.tf, twice: its directives, then the line below the one alone

"""Text is text (scanner/loaders/text.py, the walker's binary sniff, loaders/sniff.py)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from scanner import formats
from scanner.documents import LoadError
from scanner.loaders import text
from scanner.walk import FileEntry, list_files

BODY = "a: 1\nname: café\n"

ENCODED = [
    ("utf-8", BODY.encode("utf-8")),
    ("utf-8 with BOM", codecs.BOM_UTF8 + BODY.encode("utf-8")),
    ("utf-16 LE with BOM", BODY.encode("utf-16")),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + BODY.encode("utf-16-be")),
    ("utf-32 LE with BOM", codecs.BOM_UTF32_LE + BODY.encode("utf-32-le")),
    ("utf-32 BE with BOM", codecs.BOM_UTF32_BE + BODY.encode("utf-32-be")),
]


def entry_for(tmp_path: Path, name: str, raw: bytes) -> FileEntry:
    (tmp_path / name).write_bytes(raw)
    (entry,) = list_files([tmp_path / name]).files
    return entry


@pytest.mark.parametrize("raw", [e[1] for e in ENCODED], ids=[e[0] for e in ENCODED])
def test_unicode_text_is_decoded(tmp_path: Path, raw: bytes) -> None:
    entry = entry_for(tmp_path, "x.yaml", raw)
    assert not entry.binary
    assert text.read_text(entry) == BODY
    assert formats.kind_for(entry) == "yaml"


@pytest.mark.parametrize(
    ("raw", "message", "line"),
    [
        (b"a: 1\nb: \xff\n", "invalid UTF-8 at byte 8", 2),
        (codecs.BOM_UTF16_LE + "a\nb\n".encode("utf-16-le") + b"\x00\xdc", "invalid UTF-16", 3),
        (b"a: 1\n\x00\x01junk", "binary content (a NUL byte)", 2),
        ("a: 1\nb: \x00\n".encode("utf-16"), "binary content (a NUL byte)", 2),
    ],
    ids=["bad utf-8", "lone surrogate in utf-16", "NUL byte", "NUL character in utf-16"],
)
def test_structured_text_is_strict(tmp_path: Path, raw: bytes, message: str, line: int) -> None:
    with pytest.raises(LoadError) as info:
        text.read_text(entry_for(tmp_path, "x.yaml", raw))
    assert message in info.value.message and info.value.line == line


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\x00GITHUB_TOKEN=ghp_x\n", " GITHUB_TOKEN=ghp_x\n"),
        (b"a\x00\x01b\tc\r\nd\x7f", "a  b\tc\r\nd "),
        (b"caf\xe9 key=v\n", "caf  key=v\n"),  # Latin-1: the byte that is not UTF-8 only
        ("ok \x00 in utf-16\n".encode("utf-16"), "ok   in utf-16\n"),
    ],
    ids=["leading NUL", "controls keep tabs and newlines", "latin-1", "utf-16 with a NUL"],
)
def test_strings_of_keeps_lines_and_columns(raw: bytes, expected: str) -> None:
    assert text.strings_of(raw) == expected


# (name, content, kind): NUL bytes in the first 8 KiB
BINARY = [
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", None),
    ("renamed-png.txt", b"\x89PNG\r\n\x1a\n\x00\x00", None),
    ("lib.so", b"\x7fELF\x02\x01\x00", None),
    ("archive.dat", b"PK\x03\x04\x00\x00", None),
    ("state.db", b"SQLite format 3\x00", None),
    ("secret.env", b"\x00GITHUB_TOKEN=x\n", "text"),
    ("notes", b"abc\x00def", "text"),
    ("junk.yaml", b"\x00\x01junk", "yaml"),
    ("junk.json", b"\x00\x01junk", "json"),
    ("junk.ipynb", b"\x00\x01junk", "notebook"),
    ("dvc.yaml", b"\x00\x01junk", "dvc"),
    ("MLproject", b"\x00\x01junk", "mlflow"),
    (".github/workflows/ci.yml", b"\x00\x01junk", "github-workflow"),
]


@pytest.mark.parametrize(("rel", "raw", "kind"), BINARY, ids=[b[0] for b in BINARY])
def test_kind_of_files_with_nul_bytes(tmp_path: Path, rel: str, raw: bytes, kind: str | None) -> None:
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    (entry,) = list_files([tmp_path]).files
    assert entry.binary
    assert formats.kind_for(entry) == kind

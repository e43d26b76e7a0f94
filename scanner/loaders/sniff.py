"""What a file's content says it is: known binary formats (files with NUL bytes that are not
text, by suffix or magic number), and JSON Lines under any name.

A file with NUL bytes in no known binary format is read as text (its printable runs: see
loaders/text), so a leading NUL byte cannot hide a secret. Model, dataset and tabular files are
claimed by their own loaders before this check (formats.kind_for).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from scanner.loaders import json_text
from scanner.walk import FileEntry, bom_encoding

# Archives and packages: never read as text, and never scanned for secrets even when they decode
# as text (a tar of text files does).
ARCHIVE_SUFFIXES = frozenset(
    {".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar", ".whl", ".jar", ".war", ".egg"}
)
SUFFIXES = frozenset(
    {
        *ARCHIVE_SUFFIXES,
        # images, audio, video, fonts, documents
        *(".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".tif", ".tiff", ".psd"),
        *(".mp3", ".wav", ".flac", ".ogg", ".mp4", ".mov", ".avi", ".mkv", ".webm"),
        *(".ttf", ".otf", ".woff", ".woff2", ".eot", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"),
        # compiled code and databases
        *(".so", ".dll", ".dylib", ".exe", ".o", ".a", ".lib", ".pyc", ".pyo", ".class", ".wasm"),
        *(".db", ".sqlite", ".sqlite3", ".mdb", ".onnx", ".pb", ".tflite", ".safetensors", ".gguf", ".msgpack"),
    }
)

# (offset, magic) of formats whatever their name.
MAGIC: tuple[tuple[int, bytes], ...] = (
    (0, b"PK\x03\x04"),  # zip (also docx, jar, whl, .pt)
    (0, b"\x1f\x8b"),  # gzip
    (0, b"BZh"),  # bzip2
    (0, b"\xfd7zXZ\x00"),  # xz
    (0, b"\x28\xb5\x2f\xfd"),  # zstd
    (0, b"7z\xbc\xaf\x27\x1c"),  # 7z
    (0, b"Rar!\x1a\x07"),  # rar
    (257, b"ustar"),  # tar
    (0, b"\x89PNG\r\n\x1a\n"),
    (0, b"\xff\xd8\xff"),  # jpeg
    (0, b"GIF8"),
    (0, b"%PDF-"),
    (0, b"\x7fELF"),
    (0, b"MZ"),  # Windows executables
    (0, b"\xca\xfe\xba\xbe"),  # Java class, Mach-O fat
    (0, b"\xcf\xfa\xed\xfe"),  # Mach-O 64
    (0, b"\x00asm"),  # WebAssembly
    (0, b"SQLite format 3\x00"),
    (0, b"PAR1"),  # Parquet
    (0, b"\x89HDF\r\n\x1a\n"),
    (0, b"\x93NUMPY"),
    (0, b"ARROW1"),
    (0, b"\x80\x02"),  # pickle, protocol 2 to 5
    (0, b"\x80\x03"),
    (0, b"\x80\x04"),
    (0, b"\x80\x05"),
)
_HEAD = max(offset + len(magic) for offset, magic in MAGIC)


def is_known_binary(entry: FileEntry) -> bool:
    if PurePosixPath(entry.rel).suffix.lower() in SUFFIXES:
        return True
    try:
        with entry.open() as fh:
            head = fh.read(_HEAD)
    except OSError:
        return False  # the text loader then reports the read error
    return any(head[offset : offset + len(magic)] == magic for offset, magic in MAGIC)


JSON_LINES_HEAD = 8192


def is_json_lines(entry: FileEntry) -> bool:
    """JSON Lines whatever the name: the complete lines of the first 8 KiB are two or more JSON
    objects, one per line (a pretty-printed JSON file's first line, `{`, is not one)."""
    try:
        with entry.open() as fh:
            head = fh.read(JSON_LINES_HEAD)
    except OSError:
        return False  # the loader then reports the read error
    if bom_encoding(head) not in (None, "utf-8-sig") or not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return False
    lines = head.split(b"\n")
    if len(head) < entry.size:
        lines.pop()  # cut short by the sniff, not by the file
    records = [line for line in lines if line.strip()]
    if len(records) < 2:
        return False
    try:
        return all(isinstance(json_text.loads(line.decode("utf-8-sig")), dict) for line in records)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return False

"""The data a DVC metafile pins: every dependency and output, with its pointer and its path
relative to the scan root. Shared by the DVC and large-data rules."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from scanner.documents import Document, Pointer

HASH_FIELDS = ("md5", "etag", "checksum", "version_id")


@dataclass(frozen=True)
class Entry:
    pointer: Pointer
    role: str  # dep | out
    path: str  # relative to the scan root; "" when it leaves the root or is a URL
    spec: dict[str, Any]  # the entry's fields (empty for a bare path string in dvc.yaml)
    stage: str | None

    @property
    def hash(self) -> str | None:
        for field in HASH_FIELDS:
            if isinstance(self.spec.get(field), str) and self.spec[field]:
                return str(self.spec[field])
        return None


def file_type(doc: Document) -> str:
    name = PurePosixPath(doc.path).name
    return {"dvc.yaml": "pipeline", "dvc.lock": "lock"}.get(name, "dvcfile")


def _resolve(base: str, raw: str) -> str:
    if "://" in raw or raw.startswith("remote:"):
        return ""
    joined = posixpath.normpath(posixpath.join(base, raw)) if base else posixpath.normpath(raw)
    return "" if joined.startswith("../") or joined == ".." or joined.startswith("/") else joined


def _items(value: Any, base: str, role: str, pointer: Pointer, stage: str | None) -> Iterator[Entry]:
    if not isinstance(value, list):
        return
    for i, item in enumerate(value):
        if isinstance(item, str):  # dvc.yaml: `- data/raw.csv`
            yield Entry((*pointer, i), role, _resolve(base, item), {}, stage)
        elif isinstance(item, dict) and isinstance(item.get("path"), str):  # lock and .dvc files
            yield Entry((*pointer, i), role, _resolve(base, item["path"]), item, stage)
        elif isinstance(item, dict) and len(item) == 1 and "path" not in item:  # `- model.pkl: {cache: false}`
            ((path, opts),) = item.items()
            yield Entry((*pointer, i), role, _resolve(base, str(path)), opts if isinstance(opts, dict) else {}, stage)


def stages(doc: Document) -> dict[str, dict[str, Any]]:
    data = doc.data if isinstance(doc.data, dict) else {}
    if file_type(doc) == "lock" and "stages" not in data:  # lock schema 1.0: stages at the top
        return {k: v for k, v in data.items() if isinstance(v, dict)}
    raw = data.get("stages")
    return {k: v for k, v in raw.items() if isinstance(v, dict)} if isinstance(raw, dict) else {}


def entries(doc: Document) -> list[Entry]:
    base = posixpath.dirname(doc.path)
    data = doc.data if isinstance(doc.data, dict) else {}
    if file_type(doc) == "dvcfile":
        # `wdir` (rare in .dvc files) moves the base of every path in the file.
        here = posixpath.join(base, _wdir(data)) if _wdir(data) else base
        out = list(_items(data.get("outs"), here, "out", ("outs",), None))
        return out + list(_items(data.get("deps"), here, "dep", ("deps",), None))
    result: list[Entry] = []
    top = ("stages",) if file_type(doc) == "pipeline" or "stages" in data else ()
    for name, stage in stages(doc).items():
        here = posixpath.join(base, _wdir(stage)) if _wdir(stage) else base
        for key, role in (("deps", "dep"), ("outs", "out"), ("metrics", "out"), ("plots", "out")):
            result.extend(_items(stage.get(key), here, role, (*top, name, key), name))
    return result


def _wdir(spec: dict[str, Any]) -> str:
    wdir = spec.get("wdir")
    return wdir if isinstance(wdir, str) else ""


def outputs(docs: list[Document]) -> set[str]:
    """Every DVC output path (files and directories) declared anywhere in the scan. A file whose
    entries cannot be read adds none: the DVC rules report it on that file, and it must not fail
    the rules of every other file that asks."""
    out: set[str] = set()
    for d in docs:
        try:
            out.update(e.path for e in entries(d) if e.role == "out" and e.path)
        except Exception:
            continue
    return out


def covered(rel: str, outs: set[str]) -> bool:
    parts = rel.split("/")
    return any("/".join(parts[: i + 1]) in outs for i in range(len(parts)))

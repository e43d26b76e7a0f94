"""Great Expectations files, recognised by where GX keeps them, never by running GX.

A GX project is a folder named `great_expectations/` (0.x) or `gx/` (1.x) holding
`great_expectations.yml` (stores, data docs sites), `expectations/**.json` (suites) and
`checkpoints/**` (YAML in 0.x, JSON in 1.x). The path alone decides, so detection reads nothing.
A document keeps the file's own structure (spans point into it); `role` tells rules which file
it is.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from scanner.documents import Document, LoadError
from scanner.loaders import json_file, yaml_file
from scanner.walk import FileEntry

_PROJECT_DIRS = ("great_expectations", "gx")
_CONFIG_NAMES = ("great_expectations.yml", "great_expectations.yaml")
_DATA_SUFFIXES = (".json", ".yml", ".yaml")


def role(rel: str) -> str | None:
    """`config`, `suite` or `checkpoint` for a file of a GX project, else None."""
    path = PurePosixPath(rel)
    name, dirs = path.name.lower(), path.parts[:-1]
    if name in _CONFIG_NAMES:
        return "config"
    for i, part in enumerate(dirs):
        if part not in _PROJECT_DIRS:
            continue
        below = dirs[i + 1 :]
        if below[:1] == ("expectations",) and path.suffix.lower() == ".json":
            return "suite"
        if below[:1] == ("checkpoints",) and path.suffix.lower() in _DATA_SUFFIXES:
            return "checkpoint"
    return None


def is_gx_file(entry: FileEntry) -> bool:
    return role(entry.rel) is not None


def _check(kind: str, data: Any) -> None:
    if not isinstance(data, dict):
        raise LoadError(f"great expectations {kind}: expected a mapping at the top level", line=1)
    if kind == "suite" and not isinstance(data.get("expectations"), list):
        raise LoadError("great expectations suite: expected an `expectations` list", line=1)


def load(entry: FileEntry) -> list[Document]:
    kind = role(entry.rel) or "config"
    reader = json_file if PurePosixPath(entry.rel).suffix.lower() == ".json" else yaml_file
    docs = reader.load(entry)
    for doc in docs:
        _check(kind, doc.data)
    return [Document("gx", d.path, d.data, d.text, spans=d.spans, addresses=d.addresses, index=d.index) for d in docs]


def expectations(doc: Document) -> list[tuple[int, str, dict[str, Any]]]:
    """(index, expectation type, kwargs) of a suite, in both the 0.x (`expectation_type`) and the
    1.x (`type`) forms."""
    out: list[tuple[int, str, dict[str, Any]]] = []
    items = doc.data.get("expectations") if isinstance(doc.data, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        etype = item.get("expectation_type", item.get("type"))
        kwargs = item.get("kwargs")
        if isinstance(etype, str):
            out.append((i, etype, kwargs if isinstance(kwargs, dict) else {}))
    return out


def columns_of(kwargs: dict[str, Any]) -> set[str]:
    """The columns an expectation checks (`column`, `column_list`, `column_A`/`column_B`)."""
    found: set[str] = set()
    for key in ("column", "column_A", "column_B"):
        if isinstance(kwargs.get(key), str):
            found.add(kwargs[key])
    for key in ("column_list", "column_set"):
        if isinstance(kwargs.get(key), list):
            found.update(c for c in kwargs[key] if isinstance(c, str))
    return found


def data_docs_stores(doc: Document) -> list[tuple[str, str, str]]:
    """(site name, store class, bucket or container) of each data docs site kept in a cloud
    bucket."""
    sites = doc.data.get("data_docs_sites") if isinstance(doc.data, dict) else None
    out: list[tuple[str, str, str]] = []
    for name, site in (sites or {}).items() if isinstance(sites, dict) else ():
        backend = site.get("store_backend") if isinstance(site, dict) else None
        if not isinstance(backend, dict):
            continue
        cls = backend.get("class_name")
        bucket = backend.get("bucket", backend.get("container"))
        if isinstance(cls, str) and isinstance(bucket, str):
            out.append((str(name), cls, bucket))
    return out

"""Assets in Dagster (`@asset`) and Prefect (`@materialize`) code: what each one says it depends
on and which locations it writes and reads by literal name, so a rule can tell when one asset
reads another's output without declaring it (lineage the platform then never records)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scanner.documents import Document


@dataclass(frozen=True)
class Asset:
    index: int  # into data["functions"]
    name: str
    produces: frozenset[str]  # locations it writes, and Prefect asset keys
    reads: tuple[str, ...]
    declared: frozenset[str]  # names and keys it declares as upstream


def _names(value: Any) -> set[str]:
    """Dependency names from a literal: strings, `{"expr": "raw_orders"}`, `AssetKey("x")`,
    lists of them, and the keys of an `ins={...}` mapping."""
    if isinstance(value, str):
        return {value, value.rsplit(".", 1)[-1]}
    if isinstance(value, dict) and set(value) == {"expr"}:
        text = str(value["expr"])
        quoted = text.split("(", 1)[-1].rstrip(")").strip("'\"[] ")
        return {text, text.rsplit(".", 1)[-1], quoted, quoted.rsplit("/", 1)[-1]}
    if isinstance(value, dict):
        return {str(k) for k in value} | {n for v in value.values() for n in _names(v)}
    if isinstance(value, list):
        return {n for v in value for n in _names(v)}
    return set()


def assets(doc: Document) -> list[Asset]:
    data = doc.data if isinstance(doc.data, dict) else {}
    out = []
    for i, fn in enumerate(data.get("functions", [])):
        if not isinstance(fn, dict):
            continue
        for dec in fn.get("decorators", []):
            kind = str(dec.get("func", "")).rsplit(".", 1)[-1]
            kwargs = dec.get("kwargs") or {}
            writes = {w for w in fn.get("writes", []) if isinstance(w, str)}
            reads = tuple(r for r in fn.get("reads", []) if isinstance(r, str))
            if kind == "asset":
                name = kwargs.get("name") if isinstance(kwargs.get("name"), str) else str(fn.get("name"))
                declared = set(fn.get("params", [])) | _names(kwargs.get("deps")) | _names(kwargs.get("ins"))
                out.append(Asset(i, name, frozenset(writes), reads, frozenset(declared)))
            elif kind == "materialize":
                keys = {k for k in dec.get("args", []) if isinstance(k, str)}
                declared = _names(kwargs.get("asset_deps"))
                out.append(Asset(i, str(fn.get("name")), frozenset(writes | keys), reads, frozenset(declared)))
    return out


def undeclared_reads(doc: Document) -> list[tuple[Asset, Asset, str]]:
    """(reader, producer, location) where the reader reads what the producer writes by the same
    literal location and declares neither the producer's name nor that location upstream."""
    found = assets(doc)
    out = []
    for reader in found:
        for location in dict.fromkeys(reader.reads):
            for producer in found:
                if producer is reader or location not in producer.produces:
                    continue
                if producer.name in reader.declared or location in reader.declared:
                    continue
                out.append((reader, producer, location))
    return out

"""Pachyderm pipeline specs (JSON or YAML), recognised by content: a mapping with
`pipeline.name`, a `transform` mapping and an `input` (or a `spout`, which has none).

Every accessor tolerates a spec of the wrong shape (a list where a mapping belongs, a number for
a name): the spec came from an untrusted tree, and a wrong shape is simply not that element.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.documents import Pointer

# Inputs that combine other inputs; `pfs` is the only one that reads a repository's branch.
_COMBINERS = ("cross", "union", "join", "group")


def is_spec(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    pipeline, transform = data.get("pipeline"), data.get("transform")
    named = isinstance(pipeline, dict) and isinstance(pipeline.get("name"), str)
    return named and isinstance(transform, dict) and (isinstance(data.get("input"), dict) or "spout" in data)


def name(spec: dict[str, Any]) -> str:
    return str(spec["pipeline"]["name"])


def image(spec: dict[str, Any]) -> str | None:
    value = spec["transform"].get("image")
    return value if isinstance(value, str) else None


def env(spec: dict[str, Any]) -> dict[str, Any]:
    value = spec["transform"].get("env")
    return value if isinstance(value, dict) else {}


def pfs_inputs(spec: dict[str, Any]) -> Iterator[tuple[dict[str, Any], Pointer]]:
    """Every `pfs` input, however deeply cross/union/join/group nest them (bounded by the YAML
    and JSON loaders' depth budgets)."""
    stack: list[tuple[Any, Pointer]] = [(spec.get("input"), ("input",))]
    while stack:
        node, pointer = stack.pop()
        if not isinstance(node, dict):
            continue
        pfs = node.get("pfs")
        if isinstance(pfs, dict):
            yield pfs, (*pointer, "pfs")
        for combiner in _COMBINERS:
            parts = node.get(combiner)
            if isinstance(parts, list):
                stack.extend((part, (*pointer, combiner, i)) for i, part in enumerate(parts))


def egress_urls(spec: dict[str, Any]) -> Iterator[tuple[str, Pointer]]:
    """Egress targets: `egress.URL` (older specs) and `egress.object_storage.url`."""
    egress = spec.get("egress")
    if not isinstance(egress, dict):
        return
    for key in ("URL", "url"):
        if isinstance(egress.get(key), str):
            yield egress[key], ("egress", key)
    storage = egress.get("object_storage")
    if isinstance(storage, dict) and isinstance(storage.get("url"), str):
        yield storage["url"], ("egress", "object_storage", "url")

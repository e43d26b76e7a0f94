"""Every block shape the HCL spec allows, read as one shape.

pygohcl gives a block type that appears once in a file as a dict and several times as a list of
dicts (two `locals {}` blocks, two `provider "aws"` blocks, repeated `terraform`, `moved`,
`import`, `check`, `removed` blocks); Terraform's JSON syntax allows an array wherever an object
of blocks is expected. The rest of the loader reads one shape, made here once per file:
- `locals`: one dict (local names are unique across a module, so blocks merge);
- `variable`, `output`, `module`, `check`: label -> body;
- `resource`, `data`: type -> name -> body;
- any other block type: a list of bodies (`provider`: label -> list of bodies, one per alias).
A repeated label keeps its first body: Terraform itself rejects the duplicate.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

LABELLED = frozenset({"variable", "output", "module", "check"})
TWO_LABELS = frozenset({"resource", "data"})


def _bodies(value: Any) -> Iterator[dict[str, Any]]:
    """The block bodies in `value`: one body, or a list of them; anything else is no block."""
    if isinstance(value, dict):
        yield value
    elif isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _merged(value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for body in _bodies(value):
        for key, item in body.items():
            out.setdefault(key, item)
    return out


def _labelled(value: Any) -> dict[str, dict[str, Any]]:
    """label -> first body, from {label: body | [body, ...]} or a list of such objects."""
    out: dict[str, dict[str, Any]] = {}
    for group in _bodies(value):
        for label, body in group.items():
            first = next(_bodies(body), None)
            if first is not None and label not in out:
                out[label] = first
    return out


def normalise(raw: dict[str, Any]) -> dict[str, Any]:
    """One file's top-level blocks in the shapes listed in the module docstring."""
    out: dict[str, Any] = {}
    for block_type, value in raw.items():
        if block_type == "locals":
            out[block_type] = _merged(value)
        elif block_type in LABELLED:
            out[block_type] = _labelled(value)
        elif block_type in TWO_LABELS:
            by_type: dict[str, dict[str, dict[str, Any]]] = {}
            for group in _bodies(value):
                for type_name, named in group.items():
                    for name, body in _labelled(named).items():
                        by_type.setdefault(type_name, {}).setdefault(name, body)
            out[block_type] = by_type
        elif block_type == "provider":
            providers: dict[str, list[dict[str, Any]]] = {}
            for group in _bodies(value):
                for name, bodies in group.items():
                    providers.setdefault(name, []).extend(_bodies(bodies))
            out[block_type] = providers
        else:
            out[block_type] = list(_bodies(value))
    return out

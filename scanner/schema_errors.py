"""The one way a JSON Schema violation is reported: the first in document order, with its path."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema


def first_violation(validator: jsonschema.protocols.Validator, data: Any) -> tuple[tuple[Any, ...], str] | None:
    """None when `data` is valid; else the path of the first violation and `where: message`."""
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return None
    first = errors[0]
    where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
    return tuple(first.absolute_path), f"{where}: {first.message}"

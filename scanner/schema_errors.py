"""The one way a JSON Schema violation is reported: the first in document order, with its path.

The text names where (the keys on the way, as the file spells them, redacted) and what the
schema expects; never the offending value. jsonschema's own messages quote the value (`'ghp_…'
is not of type 'integer'`), and a file that is really a token or a key (a symlinked ignore file,
a pasted credential) would otherwise be printed to a CI log, a report and the org history.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from scanner.secrets.redact import redact_text

if TYPE_CHECKING:
    import jsonschema

MAX_KEY = 40  # characters of a key shown; longer keys are cut
MAX_CHOICES = 8  # values of an `enum` listed; more are counted


def _key(key: object) -> str:
    text = redact_text(str(key))
    return text if len(text) <= MAX_KEY else text[: MAX_KEY - 1] + "…"


def where(path: Iterable[Any], top: str = "(top level)") -> str:
    """`ignores/0/until`: the keys and indexes leading to an element, each redacted and cut."""
    return "/".join(_key(p) for p in path) or top


def _type_name(types: object) -> str:
    names = types if isinstance(types, list) else [types]
    return " or ".join(str(n) for n in names)


def _keys_of(error: jsonschema.ValidationError) -> list[str]:
    """Keys of the failing object that its schema does not declare (additionalProperties: false)."""
    instance, schema = error.instance, error.schema
    if not isinstance(instance, dict) or not isinstance(schema, dict):
        return []
    declared = schema.get("properties", {})
    patterns = schema.get("patternProperties", {})
    return [str(k) for k in instance if k not in declared and not any(re.search(p, str(k)) for p in patterns)]


def expectation(error: jsonschema.ValidationError) -> str:
    """What the schema wanted where `error` happened, in words taken from the schema only."""
    keyword, wanted = error.validator, error.validator_value
    if keyword == "type":
        return f"expected type {_type_name(wanted)}"
    if keyword == "enum":
        choices = list(wanted)
        if len(choices) > MAX_CHOICES:
            return f"expected one of {len(choices)} allowed values"
        return "expected one of " + ", ".join(repr(c) for c in choices)
    if keyword == "const":
        return f"expected {wanted!r}"
    if keyword == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        missing = [k for k in wanted if k not in present]
        return ("missing required key " if len(missing) == 1 else "missing required keys ") + ", ".join(
            repr(k) for k in missing
        )
    if keyword == "additionalProperties":
        extra = _keys_of(error)
        return "unexpected key " + ", ".join(repr(_key(k)) for k in extra) if extra else "unexpected key"
    if keyword in ("minLength", "maxLength"):
        bound = "at least" if keyword == "minLength" else "at most"
        return f"expected a string of {bound} {wanted} character(s)"
    if keyword in ("minItems", "maxItems"):
        bound = "at least" if keyword == "minItems" else "at most"
        return f"expected {bound} {wanted} item(s)"
    if keyword in ("minProperties", "maxProperties"):
        bound = "at least" if keyword == "minProperties" else "at most"
        return f"expected {bound} {wanted} key(s)"
    bounds = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
    if keyword in bounds:
        return f"expected a number {bounds[keyword]} {wanted}"
    if keyword == "multipleOf":
        return f"expected a multiple of {wanted}"
    if keyword == "pattern":
        return f"expected a string matching {wanted!r}"
    if keyword == "format":
        return f"expected a valid {wanted}"
    if keyword == "uniqueItems":
        return "expected unique items"
    if keyword in ("oneOf", "anyOf"):
        return "matches none of the allowed forms"
    if keyword == "not":
        return "has a form that is not allowed"
    if keyword == "propertyNames":
        return "has a key that is not allowed"
    if keyword is None:  # a `false` schema: nothing is allowed here
        return "not allowed here"
    return f"does not satisfy the schema ({keyword})"


def first_violation(validator: jsonschema.protocols.Validator, data: Any) -> tuple[tuple[Any, ...], str] | None:
    """None when `data` is valid; else the path of the first violation and `where: expectation`."""
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return None
    first = errors[0]
    return tuple(first.absolute_path), f"{where(first.absolute_path)}: {expectation(first)}"

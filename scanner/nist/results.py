"""Read a results document (`mlcomply scan --json-output`) for `mlcomply report`, validated."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource

from scanner.errors import FatalError
from scanner.schema_errors import first_violation


def _schema(name: str) -> dict[str, Any]:
    return json.loads(resources.files("scanner.schemas").joinpath(name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def validator(name: str = "results.schema.json") -> jsonschema.Draft202012Validator:
    """A validator for one of our schemas, with its sibling schemas resolvable by $ref."""
    siblings = ("results.schema.json", "rule-metadata.schema.json", "nist-report.schema.json")
    registry: Registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in map(_schema, siblings)
    )
    return jsonschema.Draft202012Validator(
        _schema(name), registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def load_results(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FatalError(f"read results {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise FatalError(f"read results {path}: not UTF-8: {exc.reason}") from None
    except json.JSONDecodeError as exc:
        raise FatalError(f"read results {path}: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    violation = first_violation(validator(), doc)
    if violation:
        raise FatalError(f"read results {path}: not an mlcomply results document (scan --json-output): {violation[1]}")
    return doc  # type: ignore[no-any-return]

"""Validate SARIF against the OASIS schema and GitHub's variant, with format checking on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from tests.conftest import REFERENCE

SCHEMAS = ("sarif-schema-2.1.0.json", "sarif-schema-2.1.0-github.json")


def validate_sarif(doc: dict[str, Any]) -> None:
    for name in SCHEMAS:
        schema = json.loads((REFERENCE / name).read_text())
        cls = jsonschema.validators.validator_for(schema)
        validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}"


def sarif_file(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text())
    validate_sarif(doc)
    return doc

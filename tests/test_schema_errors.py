from __future__ import annotations

import jsonschema

from scanner.schema_errors import first_violation

SCHEMA = {
    "type": "object",
    "properties": {"a": {"type": "integer"}, "b": {"type": "array", "items": {"type": "string"}}},
    "required": ["a"],
}


def test_valid_is_none() -> None:
    assert first_violation(jsonschema.Draft202012Validator(SCHEMA), {"a": 1}) is None


def test_first_in_document_order_with_path() -> None:
    path, text = first_violation(jsonschema.Draft202012Validator(SCHEMA), {"a": "x", "b": ["ok", 3]})
    assert path == ("a",) and text == "a: expected type integer"
    path, text = first_violation(jsonschema.Draft202012Validator(SCHEMA), {"a": 1, "b": ["ok", 3]})
    assert path == ("b", 1) and text == "b/1: expected type string"


def test_top_level() -> None:
    assert first_violation(jsonschema.Draft202012Validator(SCHEMA), {})[1] == "(top level): missing required key 'a'"

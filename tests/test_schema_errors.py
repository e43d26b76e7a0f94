from __future__ import annotations

import jsonschema
import pytest

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


TOKEN = "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"
STRICT = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "level": {"enum": ["low", "high"]},
        "version": {"const": 1},
        "when": {"type": "string", "format": "date"},
        "name": {"type": "string", "minLength": 3, "pattern": "^[a-z]+$"},
        "count": {"type": "integer", "minimum": 0},
        "tags": {"type": "array", "maxItems": 1, "uniqueItems": True},
    },
}


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"level": TOKEN}, "level: expected one of 'low', 'high'"),
        ({"version": TOKEN}, "version: expected 1"),
        ({"when": TOKEN}, "when: expected a valid date"),
        ({"name": TOKEN}, "name: expected a string matching '^[a-z]+$'"),
        ({"name": "ab"}, "name: expected a string of at least 3 character(s)"),
        ({"count": -1}, "count: expected a number >= 0"),
        ({"count": TOKEN}, "count: expected type integer"),
        ({"tags": [TOKEN, TOKEN]}, "tags: expected at most 1 item(s)"),
        ({TOKEN: 1}, "(top level): unexpected key 'hf_Q**** (37 chars)'"),  # a key is named, redacted
    ],
)
def test_names_the_key_and_the_expectation_never_the_value(data: dict, text: str) -> None:
    validator = jsonschema.Draft202012Validator(STRICT, format_checker=jsonschema.FormatChecker())
    _, shown = first_violation(validator, data)
    assert shown == text and "QwErTyUiOpAsDfGh" not in shown

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from scanner.findings import Suppression
from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.writers.json_out import to_json
from tests.conftest import REPO_ROOT, write_files

SCHEMAS = REPO_ROOT / "scanner" / "schemas"


def validate_results(doc: dict) -> None:
    results = json.loads((SCHEMAS / "results.schema.json").read_text())
    meta = json.loads((SCHEMAS / "rule-metadata.schema.json").read_text())
    registry = Registry().with_resource(meta["$id"], Resource.from_contents(meta))
    validator = jsonschema.Draft202012Validator(
        results, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = list(validator.iter_errors(doc))
    assert not errors, errors[0]


@pytest.fixture
def result(tmp_path: Path, builtin_rules: RuleSet):  # type: ignore[no-untyped-def]
    write_files(
        tmp_path,
        {
            "main.tf": 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n',
            "bad.json": '{"a": }',
        },
    )
    return scan([tmp_path], builtin_rules)


def test_document_matches_its_schema(result) -> None:  # type: ignore[no-untyped-def]
    doc = to_json(result)
    validate_results(doc)
    assert doc["summary"]["total"] == 3
    assert doc["summary"]["by_severity"]["critical"] == 1
    assert doc["summary"]["by_category"]["public-access"] == 2
    assert doc["errors"][0]["path"] == "bad.json" and doc["errors"][0]["line"] == 1


def test_suppressed_findings_are_kept_with_justification(result) -> None:  # type: ignore[no-untyped-def]
    first = result.findings[0]
    result.findings = [first.suppressed(Suppression("inline", "accepted risk", "main.tf:1")), *result.findings[1:]]
    doc = to_json(result)
    validate_results(doc)
    assert doc["summary"]["total"] == 2 and doc["summary"]["suppressed"] == 1
    kept = [f for f in doc["findings"] if f["suppression"]]
    assert kept[0]["suppression"]["justification"] == "accepted risk"


def test_output_is_deterministic(tmp_path: Path, builtin_rules: RuleSet, result) -> None:  # type: ignore[no-untyped-def]
    again = scan([result.root], builtin_rules)
    a, b = to_json(result), to_json(again)
    assert a["findings"] == b["findings"] and a["errors"] == b["errors"]

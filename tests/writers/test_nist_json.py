from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scanner.nist.core import load_core
from scanner.nist.report import build_report
from scanner.nist.results import validator
from scanner.rulesets import RuleSet
from scanner.writers import nist_json
from tests.nist_fixtures import fixture_results, subcategory, suppress_all


def render(results: dict[str, Any], threshold: str = "high") -> dict[str, Any]:
    return json.loads(nist_json.render(build_report(results, threshold)))


@pytest.mark.parametrize("name", ["failing", "passing"])
def test_report_is_valid_against_its_schema(name: str, tmp_path: Path, builtin_rules: RuleSet) -> None:
    doc = render(fixture_results(name, tmp_path, builtin_rules))
    assert list(validator("nist-report.schema.json").iter_errors(doc)) == []
    assert [s["id"] for s in doc["subcategories"]] == [s.id for s in load_core().subcategories]


def test_failing_fixture_document(tmp_path: Path, builtin_rules: RuleSet) -> None:
    doc = render(fixture_results("failing", tmp_path, builtin_rules))
    sub = subcategory(doc, "MEASURE 2.7")
    assert sub["status"] == "fail"
    assert sub["static_evidence"] == "strong"
    assert {"MLC-AWS-S3-001", "MLC-AWS-S3-002", "MLC-AWS-S3-003"} <= set(sub["rules_applied"])
    assert [(f["rule_id"], f["location"], f["failing"]) for f in sub["findings"]] == [
        ("MLC-AWS-S3-002", "aws_s3_bucket.models", True),
        ("MLC-AWS-S3-003", "aws_s3_bucket.training_data", False),
        ("MLC-AWS-S3-003", "aws_s3_bucket.models", False),
        ("MLC-AWS-S3-001", "aws_s3_bucket.training_data", False),
        ("MLC-AWS-S3-001", "aws_s3_bucket.models", False),
    ]
    assert doc["summary"]["failing"] == 1 and doc["summary"]["by_severity"]["critical"] == 1
    assert doc["coverage"]["by_status"] == {
        "fail": 2,
        "concerns": 0,
        "pass": 0,
        "attestation-expired": 0,
        "attested": 0,
        "not-assessed": 60,
        "attestation": 10,
    }
    measure = next(f for f in doc["functions"] if f["id"] == "MEASURE")
    assert next(c for c in measure["categories"] if c["id"] == "MEASURE 2")["status"] == "fail"
    assert subcategory(doc, "GOVERN 2.2")["status"] == "attestation"


def test_passing_fixture_document(tmp_path: Path, builtin_rules: RuleSet) -> None:
    doc = render(fixture_results("passing", tmp_path, builtin_rules))
    assert subcategory(doc, "MEASURE 2.7")["status"] == "pass"
    assert subcategory(doc, "MEASURE 2.7")["findings"] == []
    assert doc["summary"]["failing"] == 0


def test_suppressed_findings_listed_apart(tmp_path: Path, builtin_rules: RuleSet) -> None:
    doc = render(suppress_all(fixture_results("failing", tmp_path, builtin_rules)))
    sub = subcategory(doc, "MEASURE 2.7")
    assert sub["status"] == "pass" and sub["findings"] == []
    assert len(sub["suppressed"]) == 5
    assert sub["suppressed"][0]["suppression"]["justification"] == "accepted risk: test data"
    assert doc["summary"]["suppressed"] == 5
    assert list(validator("nist-report.schema.json").iter_errors(doc)) == []

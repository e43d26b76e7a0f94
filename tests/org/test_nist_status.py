"""Org statuses come from the NIST report model (scanner.nist.report), per repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.nist.report import build_report
from scanner.org.nist_status import nist_statuses, subcategories
from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.writers.json_out import to_json
from tests.conftest import init_repo

PUBLIC = 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n'
POD = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: x:latest\n"


@pytest.mark.parametrize(
    ("files", "fail_on", "expected"),
    [
        ({"main.tf": PUBLIC}, "high", {"MEASURE 2.7": "fail", "MEASURE 2.10": "fail"}),
        ({"main.tf": PUBLIC}, "none", {"MEASURE 2.7": "concerns", "MEASURE 2.10": "concerns"}),
        ({"pod.yaml": POD}, "high", {"MAP 4.2": "concerns"}),  # a medium finding, below the threshold
        ({"pod.yaml": POD}, "medium", {"MAP 4.2": "fail"}),
    ],
)
def test_statuses_follow_the_report_model(
    tmp_path: Path, builtin_rules: RuleSet, files: dict[str, str], fail_on: str, expected: dict[str, str]
) -> None:
    results = to_json(scan([init_repo(tmp_path / "r", files)], builtin_rules))
    statuses = nist_statuses(results, fail_on)
    assert len(statuses) == 72 == len(subcategories())
    assert {k: statuses[k] for k in expected} == expected
    assert statuses == {s.sub.id: s.status for s in build_report(results, fail_on).subcategories}
    assert statuses["MEASURE 2.13"] == "attestation"  # not statically assessable, never a failure

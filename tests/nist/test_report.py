from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from scanner.errors import FatalError
from scanner.nist.report import COVERAGE_DEFINITION, build_report, worst
from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.writers.json_out import to_json
from tests.conftest import init_repo
from tests.nist_fixtures import fixture_results, suppress_all


def statuses(results: dict[str, Any], threshold: str = "high") -> dict[str, str]:
    return {s.sub.id: s.status for s in build_report(results, threshold).subcategories}


@pytest.fixture
def failing(tmp_path: Path, builtin_rules: RuleSet) -> dict[str, Any]:
    return fixture_results("failing", tmp_path, builtin_rules)


@pytest.fixture
def passing(tmp_path: Path, builtin_rules: RuleSet) -> dict[str, Any]:
    return fixture_results("passing", tmp_path, builtin_rules)


def test_insecure_infrastructure_fails_measure_2_7(failing: dict[str, Any]) -> None:
    report = build_report(failing, "high")
    subs = {s.sub.id: s for s in report.subcategories}
    assert subs["MEASURE 2.7"].status == "fail"
    assert subs["MEASURE 2.10"].status == "fail"
    assert len(subs["MEASURE 2.7"].findings) == 5
    # S3-002 critical; S3-003 medium and S3-001 low since the S3 defaults of 2023.
    assert subs["MEASURE 2.7"].by_severity == {"critical": 1, "high": 0, "medium": 2, "low": 2, "info": 0}
    assert {r.id for r in subs["MEASURE 2.7"].rules} >= {"MLC-AWS-S3-001", "MLC-AWS-S3-002", "MLC-AWS-S3-003"}
    # The image rule is mapped to MEASURE 2.7 too, but there is no manifest: not applied.
    assert "MLC-K8S-IMAGE-001" not in subs["MEASURE 2.7"].applied
    assert subs["GOVERN 6.1"].status == "not-assessed"
    assert report.failing == 1 and report.suppressed == 0
    chars = {c.ch.id: c.result.status for c in report.characteristics}
    assert chars["secure_and_resilient"] == "fail"
    assert chars["privacy_enhanced"] == "fail"
    assert chars["fair_with_harmful_bias_managed"] == "not-assessed"


def test_secure_infrastructure_passes_measure_2_7(passing: dict[str, Any]) -> None:
    got = statuses(passing)
    assert got["MEASURE 2.7"] == "pass"
    assert got["MEASURE 2.10"] == "pass"
    assert "fail" not in got.values()


def test_coverage_counts_and_definition(failing: dict[str, Any]) -> None:
    cov = build_report(failing, "high").coverage
    assert (cov.assessed, cov.assessable, cov.attestation) == (2, 62, 10)
    assert cov.percent == 3.2
    assert sum(cov.by_status.values()) == 72
    assert cov.definition == COVERAGE_DEFINITION and "divided by" in cov.definition


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [("info", "fail"), ("high", "fail"), ("critical", "fail"), ("none", "concerns")],
)
def test_threshold_decides_fail(failing: dict[str, Any], threshold: str, expected: str) -> None:
    assert statuses(failing, threshold)["MEASURE 2.7"] == expected


def test_findings_below_the_threshold_are_listed_but_do_not_fail(failing: dict[str, Any]) -> None:
    # Keep only the findings below critical (drop the critical public-read one): below a critical
    # threshold they are concerns, never a pass.
    only_high = copy.deepcopy(failing)
    only_high["findings"] = [f for f in only_high["findings"] if f["severity"] != "critical"]
    report = build_report(only_high, "critical")
    sub = next(s for s in report.subcategories if s.sub.id == "MEASURE 2.7")
    assert sub.status == "concerns"
    assert len(sub.findings) == 4 and not any(f.failing for f in sub.findings)


def test_suppressed_findings_are_counted_apart_and_never_fail(failing: dict[str, Any]) -> None:
    report = build_report(suppress_all(failing), "high")
    sub = next(s for s in report.subcategories if s.sub.id == "MEASURE 2.7")
    assert sub.status == "pass"
    assert sub.findings == () and len(sub.suppressed) == 5
    assert report.suppressed == 5 and report.failing == 0
    assert sum(report.by_severity.values()) == 0


def test_nothing_applicable_is_not_assessed(tmp_path: Path, builtin_rules: RuleSet) -> None:
    # Only a binary file: no document for any rule (rules on "text" read every text file).
    root = init_repo(tmp_path / "binary-only", {"logo.png": b"\x89PNG\r\n\x1a\n\x00\x00"})
    report = build_report(to_json(scan([root], builtin_rules)), "high")
    assert {s.status for s in report.subcategories} == {"not-assessed", "attestation"}
    assert report.coverage.assessed == 0 and report.coverage.percent == 0.0


def test_attestation_is_never_a_failure(failing: dict[str, Any]) -> None:
    results = copy.deepcopy(failing)
    for f in results["findings"]:
        f["nist_ai_rmf"] = [*f["nist_ai_rmf"], "MEASURE 2.13"]
    sub = next(s for s in build_report(results, "high").subcategories if s.sub.id == "MEASURE 2.13")
    assert sub.status == "attestation"
    assert len(sub.findings) == 5


def test_results_without_rule_documents_only_trust_rules_with_findings(
    failing: dict[str, Any], passing: dict[str, Any]
) -> None:
    for doc in (failing, passing):
        del doc["rule_documents"]
    assert statuses(failing)["MEASURE 2.7"] == "fail"
    # Without document counts a clean scan cannot tell "pass" from "not assessed": say so.
    assert statuses(passing)["MEASURE 2.7"] == "not-assessed"
    assert build_report(passing, "high").applied_known is False
    assert next(r for r in build_report(passing, "high").rules).documents is None


def test_unknown_threshold_is_an_error(failing: dict[str, Any]) -> None:
    with pytest.raises(FatalError, match="threshold"):
        build_report(failing, "severe")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["pass", "fail", "attestation"], "fail"),
        (["concerns", "fail"], "fail"),
        (["pass", "concerns", "not-assessed"], "concerns"),
        (["not-assessed", "pass"], "pass"),
        (["attestation", "not-assessed"], "not-assessed"),
        (["attestation"], "attestation"),
        ([], "not-assessed"),
    ],
)
def test_worst_status(given: list[str], expected: str) -> None:
    assert worst(given) == expected


def test_report_is_deterministic(failing: dict[str, Any]) -> None:
    shuffled = copy.deepcopy(failing)
    shuffled["findings"].reverse()
    assert build_report(failing, "high") == build_report(shuffled, "high")

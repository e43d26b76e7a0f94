"""The NIST report's per-technique table: each ATLAS technique, its findings and its rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scanner.atlas.report import technique_rows
from scanner.nist.report import build_report
from scanner.nist.results import validator
from scanner.rulesets import RuleSet
from scanner.writers import nist_html, nist_json, nist_md
from tests.nist_fixtures import fixture_results, suppress_all


def _rule(rid: str, atlas: list[str]) -> dict[str, Any]:
    return {"id": rid, "atlas": atlas}


def _finding(rid: str, severity: str, atlas: list[str] | None = None, suppressed: bool = False) -> dict[str, Any]:
    f: dict[str, Any] = {"rule_id": rid, "severity": severity, "suppression": None}
    if atlas is not None:
        f["atlas"] = atlas
    if suppressed:
        f["suppression"] = {"kind": "inline", "justification": "test data", "source": "x"}
    return f


def test_rows_count_findings_per_technique_against_the_threshold() -> None:
    results = {
        "rules": [
            _rule("MLC-ARTIFACT-001", ["AML.T0010.003", "AML.T0011.000"]),
            _rule("MLC-K8S-IMAGE-001", ["AML.T0010.004"]),
            _rule("MLC-CARD-LICENSE-001", []),
        ],
        "findings": [
            _finding("MLC-ARTIFACT-001", "critical", ["AML.T0010.003", "AML.T0011.000"]),
            _finding("MLC-ARTIFACT-001", "medium", ["AML.T0010.003", "AML.T0011.000"]),
            _finding("MLC-ARTIFACT-001", "critical", ["AML.T0010.003", "AML.T0011.000"], suppressed=True),
            _finding("MLC-CARD-LICENSE-001", "medium", []),
        ],
    }
    rows = {r.id: r for r in technique_rows(results, "high")}
    assert list(rows) == ["AML.T0010.003", "AML.T0010.004", "AML.T0011.000"]
    model = rows["AML.T0010.003"]
    assert (model.findings, model.failing, model.suppressed) == (2, 1, 1)
    assert model.rules == ("MLC-ARTIFACT-001",)
    assert model.name == "AI Supply Chain Compromise: Model" and model.tactics == ("Initial Access",)
    registry = rows["AML.T0010.004"]
    assert (registry.findings, registry.failing, registry.rules) == (0, 0, ("MLC-K8S-IMAGE-001",))
    assert technique_rows(results, "none")[0].failing == 0


def test_older_results_without_finding_ids_use_the_rule_mapping() -> None:
    results = {"rules": [_rule("MLC-AWS-S3-002", ["AML.T0035"])], "findings": [_finding("MLC-AWS-S3-002", "high")]}
    (row,) = technique_rows(results, "high")
    assert (row.id, row.findings, row.failing) == ("AML.T0035", 1, 1)


@pytest.fixture
def failing(tmp_path: Path, builtin_rules: RuleSet) -> dict[str, Any]:
    return fixture_results("failing", tmp_path, builtin_rules)


def test_scan_results_carry_atlas_ids_into_the_report(failing: dict[str, Any]) -> None:
    assert failing["tool"]["atlas_version"] == "5.6.0"
    assert list(validator("results.schema.json").iter_errors(failing)) == []
    rules = {r["id"]: r for r in failing["rules"]}
    for f in failing["findings"]:
        assert f["atlas"] == rules[f["rule_id"]]["atlas"]
    report = build_report(failing, "high")
    rows = {r.id: r for r in report.atlas}
    expected: dict[str, int] = {}
    for f in failing["findings"]:
        for tid in f["atlas"]:
            expected[tid] = expected.get(tid, 0) + (f["suppression"] is None)
    assert expected and {t: rows[t].findings for t in expected} == expected
    # the public-bucket finding of the fixture: collection of AI artifacts
    assert rows["AML.T0035"].findings >= 1 and "MLC-AWS-S3-002" in rows["AML.T0035"].rules


def test_json_report_validates_and_lists_techniques(failing: dict[str, Any]) -> None:
    doc = json.loads(nist_json.render(build_report(failing, "high")))
    assert list(validator("nist-report.schema.json").iter_errors(doc)) == []
    assert doc["atlas"]["version"] == "5.6.0"
    row = next(t for t in doc["atlas"]["techniques"] if t["id"] == "AML.T0035")
    assert row["url"] == "https://atlas.mitre.org/techniques/AML.T0035" and row["findings"] >= 1
    suppressed = json.loads(nist_json.render(build_report(suppress_all(failing), "high")))
    assert all(t["findings"] == 0 for t in suppressed["atlas"]["techniques"])
    assert sum(t["suppressed"] for t in suppressed["atlas"]["techniques"]) > 0


def test_markdown_and_html_show_the_technique_table(failing: dict[str, Any]) -> None:
    report = build_report(failing, "high")
    row = next(t for t in report.atlas if t.id == "AML.T0035")
    md = nist_md.render(report)
    assert "## MITRE ATLAS techniques" in md
    line = next(x for x in md.splitlines() if x.startswith("| [AML.T0035]"))
    assert line.startswith(f"| [AML.T0035]({row.url}) AI Artifact Collection | Collection | {row.findings}")
    assert "MLC-AWS-S3-002" in line
    html = nist_html.render(report)
    assert '<h2 id="mitre-atlas">MITRE ATLAS techniques</h2>' in html
    assert f'<a href="{row.url}">AML.T0035</a> AI Artifact Collection' in html

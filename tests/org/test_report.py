"""The report model and its writers, from a history written directly (no scanning)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.org.history import History
from scanner.org.outcome import FindingRow, RepoOutcome
from scanner.org.report import build_report, risk_score
from scanner.org.writers import render
from tests.org.conftest import validate_report

RULES = [{"id": "MLC-X-001", "title": "A <b>bold</b> title", "severity": "high", "category": "iam"}]
NO_RECORDS = {"attestation-expired": 0, "attested": 0}  # no evidence file in these runs


def _ok(name: str, high: int, nist: dict[str, str] | None = None) -> RepoOutcome:
    rows = [FindingRow(f"{i:032x}", "MLC-X-001", "high", "main.tf", f"aws_iam_role.r{i}") for i in range(high)]
    counts = {"critical": 0, "high": high, "medium": 0, "low": 0, "info": 0}
    return RepoOutcome(
        name,
        "ok",
        0.1,
        commit="c" * 40,
        by_severity=counts,
        rule_counts={"MLC-X-001": high} if high else {},
        nist=nist or {},
        findings=rows,
    )


@pytest.fixture
def history(tmp_path: Path) -> History:
    h = History(tmp_path / "h.sqlite")
    run_id = h.start_run({"workers": 1}, RULES)
    h.record(run_id, _ok("<img src=x onerror=alert(1)>", 2, {"MEASURE 2.7": "fail", "MAP 4.2": "pass"}))
    h.record(run_id, _ok("pipe|name", 0, {"MEASURE 2.7": "pass"}))
    h.record(run_id, RepoOutcome.failed("broken", "error", "git clone failed (exit 128): fatal: nope", 0.2))
    h.finish_run(run_id)
    return h


def test_first_run_report(history: History) -> None:
    report = build_report(history)
    validate_report(report)
    assert report["previous_run"] is None
    assert [(r["name"], r["rank"], r["risk_score"]) for r in report["repos"]] == [
        ("<img src=x onerror=alert(1)>", 1, 10),
        ("pipe|name", 2, 0),
        ("broken", None, None),
    ]
    assert all(r["new"] is None and r["fixed"] is None for r in report["repos"])
    assert report["repos"][2]["error"] == "git clone failed (exit 128): fatal: nope"
    nist = {s["id"]: (s["status"], s["repos"]) for s in report["nist_ai_rmf"]["subcategories"]}
    assert nist["MEASURE 2.7"] == (
        "fail",
        {"fail": 1, "concerns": 0, "pass": 1, **NO_RECORDS, "not-assessed": 0, "attestation": 0},
    )
    assert nist["MAP 4.2"] == (
        "pass",
        {"fail": 0, "concerns": 0, "pass": 1, **NO_RECORDS, "not-assessed": 0, "attestation": 0},
    )
    assert (report["nist_ai_rmf"]["fail"], report["nist_ai_rmf"]["pass"]) == (1, 1)
    assert report["nist_ai_rmf"]["by_function"]["MEASURE"] == {
        "total": 22,
        "fail": 1,
        "concerns": 0,
        "pass": 0,
        **NO_RECORDS,
        "not-assessed": 21,
        "attestation": 0,
    }
    assert report["nist_ai_rmf"]["by_function"]["GOVERN"] == {
        "total": 19,
        "fail": 0,
        "concerns": 0,
        "pass": 0,
        **NO_RECORDS,
        "not-assessed": 19,
        "attestation": 0,
    }
    assert report["totals"] == {
        "repos": 3,
        "scanned": 2,
        "failed": 1,
        "findings": {"critical": 0, "high": 2, "medium": 0, "low": 0, "info": 0, "total": 2},
    }


def test_writers_escape_what_repositories_control(history: History) -> None:
    report = build_report(history)
    html = render(report, "html")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>bold</b>" not in html and "First run in this history" in html
    md = render(report, "md")
    assert "| pipe\\|name |" in md and "First run in this history" in md
    assert json.loads(render(report, "json")) == report


@pytest.mark.parametrize(
    ("counts", "score"),
    [
        ({"critical": 1, "high": 0, "medium": 0, "low": 0, "info": 0}, 10),
        ({"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 50}, 12),
        ({"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0}, 0),
    ],
)
def test_risk_score(counts: dict[str, int], score: int) -> None:
    assert risk_score(counts) == score


def test_one_repository_with_concerns_makes_the_subcategory_a_concern(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite")
    run_id = h.start_run({"workers": 1}, RULES)
    h.record(run_id, _ok("a", 0, {"MAP 1.1": "pass", "MEASURE 2.7": "concerns"}))
    h.record(run_id, _ok("b", 0, {"MAP 1.1": "concerns", "MEASURE 2.7": "fail"}))
    h.finish_run(run_id)
    report = build_report(h)
    validate_report(report)
    nist = {s["id"]: (s["status"], s["repos"]) for s in report["nist_ai_rmf"]["subcategories"]}
    assert nist["MAP 1.1"] == (
        "concerns",
        {"fail": 0, "concerns": 1, "pass": 1, **NO_RECORDS, "not-assessed": 0, "attestation": 0},
    )
    assert nist["MEASURE 2.7"][0] == "fail"
    summary = report["nist_ai_rmf"]
    assert (summary["fail"], summary["concerns"], summary["pass"]) == (1, 1, 0)
    md = render(report, "md")
    assert "1 subcategories failing, 1 with concerns (findings below the threshold), 0 passing" in md
    assert "| MAP 1.1 | concerns | 0 | 1 | 1 | Intended purposes, context, users, impacts documented |" in md
    # Every row of the two NIST tables has as many cells as its header.
    header = "| subcategory | status | repos failing | repos with concerns | repos passing | label |"
    rows = md.split(header)[1].strip().splitlines()
    assert {row.count("|") for row in rows[:3]} == {header.count("|")}
    assert '<span class="concerns">1 with concerns</span>' in render(report, "html")
    h.close()

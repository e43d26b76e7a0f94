"""The org report's MITRE ATLAS section, from a history written directly, and the migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scanner.org.history import SCHEMA_VERSION, History
from scanner.org.outcome import RepoOutcome
from scanner.org.report import build_report
from scanner.org.writers import render
from tests.org.conftest import validate_report

RULES = [
    {
        "id": "MLC-A-001",
        "title": "Pickle",
        "severity": "critical",
        "category": "supply-chain",
        "atlas": ["AML.T0010.003"],
    },
    {"id": "MLC-B-001", "title": "Bucket", "severity": "high", "category": "public-access", "atlas": ["AML.T0035"]},
    {"id": "MLC-C-001", "title": "Both", "severity": "low", "category": "supply-chain", "atlas": ["AML.T0010.003"]},
    {"id": "MLC-D-001", "title": "Card", "severity": "low", "category": "model-documentation", "atlas": []},
]


def _ok(name: str, rule_counts: dict[str, int]) -> RepoOutcome:
    counts = {"critical": 0, "high": sum(rule_counts.values()), "medium": 0, "low": 0, "info": 0}
    return RepoOutcome(name, "ok", 0.1, commit="c" * 40, by_severity=counts, rule_counts=rule_counts)


def _history(path: Path) -> History:
    h = History(path)
    run_id = h.start_run({"workers": 1}, RULES)
    h.record(run_id, _ok("alpha", {"MLC-A-001": 2, "MLC-B-001": 1, "MLC-D-001": 4}))
    h.record(run_id, _ok("beta", {"MLC-C-001": 3}))
    h.record(run_id, _ok("gamma", {}))
    h.finish_run(run_id)
    return h


def test_techniques_count_findings_and_repos(tmp_path: Path) -> None:
    report = build_report(_history(tmp_path / "h.sqlite"))
    validate_report(report)
    atlas = report["mitre_atlas"]
    assert atlas["version"] == "5.6.0"
    assert [(t["id"], t["findings"], t["repos"], t["rules"]) for t in atlas["techniques"]] == [
        ("AML.T0010.003", 5, 2, ["MLC-A-001", "MLC-C-001"]),
        ("AML.T0035", 1, 1, ["MLC-B-001"]),
    ]
    assert atlas["techniques"][0]["name"] == "AI Supply Chain Compromise: Model"


def test_writers_show_the_section(tmp_path: Path) -> None:
    report = build_report(_history(tmp_path / "h.sqlite"))
    md = render(report, "md")
    assert "## MITRE ATLAS techniques across the org" in md
    assert "| [AML.T0010.003](https://atlas.mitre.org/techniques/AML.T0010.003) AI Supply Chain Compromise: Model" in md
    html = render(report, "html")
    assert '<a href="https://atlas.mitre.org/techniques/AML.T0035">AML.T0035</a> AI Artifact Collection' in html


def test_a_version_2_history_gains_the_column_and_keeps_its_runs(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    h = _history(path)
    h.conn.executescript(
        "BEGIN; CREATE TABLE rr AS SELECT run_id, rule_id, title, severity, category FROM run_rules; "
        "DROP TABLE run_rules; ALTER TABLE rr RENAME TO run_rules; DROP TABLE inventories; "
        "UPDATE schema_version SET version = 2; COMMIT;"
    )
    h.close()
    report = build_report(History(path))  # migrated on open: the old run's rules map to nothing
    assert report["mitre_atlas"]["techniques"] == []
    conn = sqlite3.connect(path)
    assert (
        conn.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    )  # the latest, evidence statuses (5) included
    assert conn.execute("SELECT DISTINCT atlas FROM run_rules").fetchall() == [("[]",)]

"""Evidence-record coverage across the org, from real scans of real repositories, and the
history's migration to the statuses attested / attestation-expired."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from scanner.org.history import MIGRATIONS, History
from scanner.org.repo_scan import ScanSetup, scan_repository
from scanner.org.report import build_report
from scanner.org.sources import RepoSpec
from scanner.org.writers import render
from tests.conftest import S3_ONLY, init_repo
from tests.org.conftest import validate_report


def _record(sub: str, expires: str, evidence: str = "https://wiki.example.com/ai-risk") -> str:
    return (
        f"  - subcategory: {sub}\n    statement: reviewed\n    evidence: {evidence}\n"
        f"    owner: lead@example.com\n    date: 2019-01-01\n    expires: {expires}\n"
    )


REPOS = {
    "alpha": "version: 1\nrecords:\n" + _record("GOVERN 2.2", "2999-01-01") + _record("MEASURE 2.2", "2020-01-01"),
    "beta": "version: 1\nrecords:\n" + _record("GOVERN 2.2", "2999-01-01", evidence="TRAINING.md"),
    "gamma": None,  # no evidence file
}


def _run(tmp_path: Path, history: History, names: list[str]) -> None:
    setup = ScanSetup.from_config(Path(S3_ONLY[1]))
    run_id = history.start_run({}, [])
    for name in names:
        files = {"main.tf": 'resource "aws_s3_bucket" "a" {}\n', "TRAINING.md": "# training\n"}
        if REPOS[name] is not None:
            files[".mlcomply-evidence.yaml"] = REPOS[name]
        repo = init_repo(tmp_path / name, files)
        history.record(run_id, scan_repository(RepoSpec(name, str(repo), False), tmp_path / "cache", setup, "high"))
    history.finish_run(run_id)


def test_evidence_coverage_across_the_org(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite")
    _run(tmp_path, history, ["alpha", "beta", "gamma"])
    report = build_report(history)
    validate_report(report)
    assert report["format_version"] == 3
    subs = {s["id"]: s for s in report["nist_ai_rmf"]["subcategories"]}
    # gamma has no record for GOVERN 2.2: across the org it still requires attestation.
    assert subs["GOVERN 2.2"]["status"] == "attestation"
    assert (subs["GOVERN 2.2"]["repos"]["attested"], subs["GOVERN 2.2"]["repos"]["attestation"]) == (2, 1)
    assert subs["MEASURE 2.2"]["status"] == "attestation-expired"
    evidence = report["evidence"]
    assert (evidence["repos"], evidence["repos_with_evidence_file"], evidence["records"], evidence["expired"]) == (
        3,
        2,
        3,
        1,
    )
    by_repo = {r["repo"]: r for r in evidence["by_repo"]}
    assert (by_repo["alpha"]["attested"], by_repo["alpha"]["attestation_expired"]) == (1, 1)
    assert by_repo["gamma"]["evidence_file"] is False and by_repo["gamma"]["records"] == 0
    assert by_repo["gamma"]["open"] == by_repo["beta"]["open"] + 1  # beta's GOVERN 2.2 is covered
    assert [(s["id"], s["repos"], s["expired"]) for s in evidence["by_subcategory"]] == [
        ("GOVERN 2.2", 2, 0),
        ("MEASURE 2.2", 1, 1),
    ]
    md = render(report, "md")
    assert "2 of 3 repositories have an evidence file" in md
    assert "| gamma | no file | 0 | 0 | 0 |" in md
    assert '<td>GOVERN 2.2</td><td class="n">2</td>' in render(report, "html")

    _run(tmp_path / "second", history, ["alpha", "beta"])  # every repository attests GOVERN 2.2
    subs = {s["id"]: s for s in build_report(history)["nist_ai_rmf"]["subcategories"]}
    assert subs["GOVERN 2.2"]["status"] == "attested"
    history.close()


def test_version_2_database_is_migrated_to_the_evidence_statuses(tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / "h.sqlite")) as conn:
        conn.executescript(MIGRATIONS[0] + MIGRATIONS[1])
        conn.executescript(
            "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (2);"
            "INSERT INTO runs VALUES (1, 't0', 't1', '{}', '0');"
            "INSERT INTO repo_runs (run_id, repo, status, seconds, recorded) VALUES (1, 'r', 'ok', 1.0, 't1');"
            "INSERT INTO nist_statuses VALUES (1, 'r', 'MAP 1.1', 'concerns');"
        )
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO nist_statuses VALUES (1, 'r', 'GOVERN 2.2', 'attested')")
    history = History(tmp_path / "h.sqlite")
    history.conn.execute("INSERT INTO nist_statuses VALUES (1, 'r', 'GOVERN 2.2', 'attested')")
    history.conn.execute("INSERT INTO nist_statuses VALUES (1, 'r', 'MEASURE 2.2', 'attestation-expired')")
    rows = {(r["subcategory"], r["status"]) for r in history.nist_statuses(1)}
    assert rows == {("MAP 1.1", "concerns"), ("GOVERN 2.2", "attested"), ("MEASURE 2.2", "attestation-expired")}
    with pytest.raises(sqlite3.IntegrityError):
        history.conn.execute("INSERT INTO nist_statuses VALUES (1, 'r', 'MAP 1.3', 'maybe')")
    history.close()

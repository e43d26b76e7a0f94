"""The org report's AI inventory: models and datasets per repository with hash coverage."""

from __future__ import annotations

import json
from pathlib import Path

from scanner.org.history import History
from scanner.org.outcome import RepoOutcome
from scanner.org.report import build_report
from scanner.org.writers import render
from tests.conftest import S3_ONLY, init_repo, run_cli
from tests.inventory import repo
from tests.org.conftest import validate_report

SUMMARY = {
    "models": [
        {"id": "model:m", "name": "a|<b>", "files": 2, "hashed_files": 1, "grade": "strong", "datasets": ["dataset:d"]}
    ],
    "datasets": [
        {"id": "dataset:d", "name": "train", "location": "data/train.csv", "grade": "weak"},
        {"id": "dataset:e", "name": "raw <i>", "location": None, "grade": "none"},
    ],
}


def _outcome(name: str, inventory: dict | None) -> RepoOutcome:
    counts = dict.fromkeys(("critical", "high", "medium", "low", "info"), 0)
    return RepoOutcome(name, "ok", 0.1, commit="c" * 40, by_severity=counts, inventory=inventory)


def test_inventory_totals_and_rows(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite")
    run = h.start_run({}, [])
    h.record(run, _outcome("ml", SUMMARY))
    h.record(run, _outcome("infra", {"models": [], "datasets": []}))
    h.record(run, RepoOutcome.failed("broken", "error", "clone failed", 0.1))
    h.finish_run(run)
    report = build_report(h)
    validate_report(report)
    inv = report["ai_inventory"]
    assert inv["totals"] == {
        "repos_with_models": 1,
        "models": 1,
        "model_files": 2,
        "model_files_hashed": 1,
        "datasets": 2,
        "datasets_hashed": 1,
        "datasets_strong": 0,
    }
    assert [r["repo"] for r in inv["repos"]] == ["infra", "ml"]
    assert inv["repos"][1]["models"] == SUMMARY["models"]
    md, html = render(report, "md"), render(report, "html")
    # names come from the repositories: escaped in both
    assert "## AI inventory" in md and "| ml | 1 | 1 / 2 | 2 | 1 | 0 | a\\|&lt;b&gt; (strong) | raw &lt;i&gt; |" in md
    assert "<h2>AI inventory</h2>" in html and "a|&lt;b&gt; (strong)" in html and "raw &lt;i&gt;" in html


def test_org_scan_records_each_repositorys_inventory(tmp_path: Path) -> None:
    org = tmp_path / "org"
    repo.make(org / "reviews")
    init_repo(org / "plain", {"README.md": "# nothing here\n"})
    db = tmp_path / "h.sqlite"
    scanned = run_cli("org", "scan", "--repos", org, "--db", db, "--workers", "1", *S3_ONLY)
    assert scanned.returncode in (0, 1), scanned.stderr
    out = run_cli("org", "report", "--db", db, "--output", tmp_path / "r.json")
    assert out.returncode == 0, out.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    validate_report(report)
    rows = {r["repo"]: r for r in report["ai_inventory"]["repos"]}
    assert rows["plain"]["coverage"]["models"] == 0
    [model] = rows["reviews"]["models"]
    assert (model["name"], model["files"], model["hashed_files"], model["grade"]) == ("review-clf", 1, 1, "strong")
    grades = {d["id"]: d["grade"] for d in rows["reviews"]["datasets"]}
    assert grades["dataset:data/train.csv"] == "strong" and grades["dataset:data/raw.csv"] == "weak"
    assert grades["dataset:acme/reviews"] == "none"

"""The org workflow through the real command line: two runs with a change between them."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from tests.conftest import REPO_ROOT, S3_ONLY, run_cli
from tests.org.conftest import change_alpha, make_org, processes_running, validate_report


def _scan(repos: Path, db: Path, *flags: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    # Counts below are those of the original S3 rules and the image rule (S3_ONLY's config).
    return run_cli("org", "scan", "--repos", repos, "--db", db, "--workers", "2", *S3_ONLY, *flags, env=env)


def test_two_runs_show_trends_and_new_and_fixed(tmp_path: Path) -> None:
    repos = make_org(tmp_path / "org")
    db = tmp_path / "history.sqlite"
    first = _scan(tmp_path / "org", db, "--cache-dir", tmp_path / "cache")
    assert first.returncode == 0, first.stderr
    assert "run 1: 5 scanned, 0 failed" in first.stdout
    assert "[5/5]" in first.stderr  # not a TTY: one progress line per repository
    change_alpha(repos["alpha"])
    second = _scan(tmp_path / "org", db)
    assert second.returncode == 0, second.stderr

    for ext in ("json", "md", "html"):
        proc = run_cli("org", "report", "--db", db, "--output", tmp_path / f"report.{ext}")
        assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    validate_report(report)
    assert report["run"]["id"] == 2 and report["previous_run"]["id"] == 1

    by_name = {r["name"]: r for r in report["repos"]}
    assert set(by_name) == {"alpha", "beta", "gamma", "delta", "team/epsilon"}
    assert by_name["alpha"]["findings"] == {"critical": 1, "high": 0, "medium": 2, "low": 2, "info": 0, "total": 5}
    assert by_name["delta"]["findings"]["total"] == 0 and by_name["delta"]["error"] is None
    assert (by_name["alpha"]["new"], by_name["alpha"]["fixed"]) == (2, 1)
    assert by_name["alpha"]["history"] == [4, 5] and by_name["team/epsilon"]["history"] == [6, 6]
    assert all((r["new"], r["fixed"]) == (0, 0) for n, r in by_name.items() if n != "alpha")
    # Ranked by risk (critical 10, medium 2, low 1): epsilon 10 + 3x2 + 2 = 18, alpha 10 + 2x2 + 2 = 16,
    # beta 2 + 1 = 3, gamma 2, delta 0.
    assert [r["name"] for r in report["repos"]] == ["team/epsilon", "alpha", "beta", "gamma", "delta"]
    assert [r["risk_score"] for r in report["repos"]] == [18, 16, 3, 2, 0]

    new = {(f["repo"], f["rule_id"], f["location"]) for f in report["changes"]["new"]}
    assert new == {
        ("alpha", "MLC-AWS-S3-001", "aws_s3_bucket.scratch"),
        ("alpha", "MLC-AWS-S3-003", "aws_s3_bucket.scratch"),
    }
    fixed = [(f["repo"], f["rule_id"], f["path"]) for f in report["changes"]["fixed"]]
    assert fixed == [("alpha", "MLC-K8S-IMAGE-001", "k8s/train.yaml")]

    trends = [(t["run_id"], t["findings"]["total"], t["findings"]["medium"]) for t in report["trends"]]
    assert trends == [(1, 13, 7), (2, 14, 7)]
    assert report["top_rules"][0] == {
        "rule_id": "MLC-AWS-S3-001",
        "title": "S3 bucket without server-side encryption",
        "severity": "low",
        "category": "encryption",
        "findings": 5,
        "repos": 3,
    }
    nist = {s["id"]: s for s in report["nist_ai_rmf"]["subcategories"]}
    # beta's plain bucket and gamma's image have only medium and low findings: concerns there,
    # failures (a public bucket) in alpha and epsilon.
    assert nist["MEASURE 2.7"]["status"] == "fail" and nist["MEASURE 2.7"]["repos"]["fail"] == 2
    assert nist["MEASURE 2.7"]["repos"]["concerns"] == 2
    # Only medium image findings map to it: below --fail-on high, yet never a pass.
    assert nist["MAP 4.2"]["status"] == "concerns"
    assert nist["GOVERN 1.1"]["status"] == "not-assessed"

    md = (tmp_path / "report.md").read_text()
    html = (tmp_path / "report.html").read_text()
    for text, address in ((md, "aws\\_s3\\_bucket.scratch"), (html, "aws_s3_bucket.scratch")):
        assert address in text and "k8s/train.yaml" in text  # new and fixed (Markdown-escaped in md)
        assert "#1" in text and "#2" in text  # trends
        assert "MEASURE 2.7" in text and "team/epsilon" in text
    assert "## New since the previous run (2)" in md and "## Fixed since the previous run (1)" in md
    assert "| 4 → 5 |" in md and 'aria-label="findings per run: 4, 5"' in html
    assert "<svg" in html and "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")


def test_failures_and_timeouts_are_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    repos = make_org(tmp_path / "org")
    listing = tmp_path / "repos.txt"
    listing.write_text(
        "# the test org\n"
        f"{repos['alpha']}\n"
        f"file://{repos['beta']}   # cloned into the cache\n"
        "org/vanished\n"  # relative to the list file, never existed
        f"file://{tmp_path}/no-such-remote.git\n"
        "ssh://git.example.invalid/slow.git\n"
    )
    # The ssh transport "hangs": git runs this instead of ssh, so nothing leaves the machine.
    env = {"GIT_SSH_COMMAND": "sleep 60; true"}
    proc = _scan(listing, tmp_path / "h.sqlite", "--timeout", "3", "--cache-dir", tmp_path / "cache", env=env)
    assert proc.returncode == 2, proc.stderr
    assert "run 1: 5 scanned, 3 failed" in proc.stdout
    assert run_cli("org", "report", "--db", tmp_path / "h.sqlite", "--output", tmp_path / "r.json").returncode == 0
    report = json.loads((tmp_path / "r.json").read_text())
    validate_report(report)
    by_name = {r["name"]: r for r in report["repos"]}
    alpha, beta = str(repos["alpha"]), str(repos["beta"])  # named as listed; the file:// URL without scheme
    assert by_name[alpha]["status"] == by_name[beta]["status"] == "ok"
    assert by_name[beta]["findings"]["total"] == 2 and by_name[beta]["commit"]
    assert by_name["org/vanished"]["status"] == "error"
    assert "repository path does not exist" in by_name["org/vanished"]["error"]
    assert by_name["org/vanished"]["findings"] is None
    assert by_name[f"{tmp_path}/no-such-remote"]["status"] == "error"
    assert by_name["git.example.invalid/slow"] == {**by_name["git.example.invalid/slow"], "status": "timeout"}
    assert "timed out after 3 s" in by_name["git.example.invalid/slow"]["error"]
    assert [r["name"] for r in report["repos"]][:2] == [alpha, beta]  # failed ones last


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run_cli("org", "scan", "--repos", tmp_path / "nope.txt", "--db", tmp_path / "h.sqlite")
    assert missing.returncode == 2 and "nope.txt" in missing.stderr
    (tmp_path / "h.sqlite").write_bytes(b"")
    empty = run_cli("org", "report", "--db", tmp_path / "h.sqlite", "--output", tmp_path / "r.json")
    assert empty.returncode == 2 and "no finished run" in empty.stderr
    bad = run_cli("org", "report", "--db", tmp_path / "h.sqlite", "--output", tmp_path / "r.pdf")
    assert bad.returncode == 2 and "unknown format" in bad.stderr
    (tmp_path / "org").mkdir()
    db = tmp_path / "d.sqlite"
    no_cluster = run_cli("org", "scan", "--repos", tmp_path / "org", "--db", db, "--scheduler", "no-port-here")
    assert no_cluster.returncode == 2 and "Dask" in no_cluster.stderr
    assert _recorded_runs(db) == 0  # nothing to resume from a run that never started


def test_ctrl_c_then_resume(tmp_path: Path) -> None:
    repos = make_org(tmp_path / "org")
    listing = tmp_path / "repos.txt"
    # One worker takes them in order: the five local ones, then a clone that hangs until killed.
    listing.write_text("".join(f"{path}\n" for path in repos.values()) + "ssh://git.example.invalid/hang.git\n")
    db = tmp_path / "h.sqlite"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "GIT_SSH_COMMAND": "sleep 62.5; true"}
    args = ["org", "scan", "--repos", str(listing), "--db", str(db), "--workers", "1", "--timeout", "60"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "scanner", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # Ctrl-C as a terminal delivers it. A test run started in the background by a
        # non-interactive shell (`.ci/run &`) has SIGINT ignored, children inherit that, and
        # Python then installs no KeyboardInterrupt handler: the run would rightly ignore it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _recorded(db) < len(repos):
        time.sleep(0.05)
    assert _recorded(db) == len(repos)
    proc.send_signal(signal.SIGINT)
    # The clone sleeps 62.5 s: an exit within 45 s proves the run killed it.
    _, stderr = proc.communicate(timeout=45)
    assert proc.returncode == 130 and b"interrupted" in stderr
    assert processes_running("sleep 62.5") == []  # the hanging clone was killed with the run

    resumed = _scan(listing, db, "--resume", "--timeout", "1", env={"GIT_SSH_COMMAND": "sleep 62.5; true"})
    assert "resumed run 1, 5 already done: 1 scanned, 1 failed" in resumed.stdout
    assert "git.example.invalid/hang: timeout" in resumed.stdout
    assert resumed.returncode == 2


def _recorded(db: Path) -> int:
    if not db.exists():
        return 0
    with closing(sqlite3.connect(db)) as conn:
        try:
            return conn.execute("SELECT COUNT(*) FROM repo_runs").fetchone()[0]
        except sqlite3.OperationalError:  # tables not created yet
            return 0


def _recorded_runs(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0]

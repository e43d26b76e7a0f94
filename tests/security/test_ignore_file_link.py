"""Item 2: `.mlcomply-ignore.yaml` committed as a link to a token file of the runner's.

The link is refused (a scan error that says why) and never read: the token appears nowhere, not
in stdout, stderr, SARIF, JSON, the NIST report, the org history database (its compressed result
blobs inflated) or the org reports.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import git, init_repo, run_cli
from tests.security.conftest import database_text

PUBLIC = 'resource "aws_s3_bucket" "site" {\n  bucket = "acme-site"\n  acl    = "public-read"\n}\n'


def _repo(tmp_path: Path, canary: Path) -> Path:
    repo = init_repo(tmp_path / "repo", {"site.tf": PUBLIC})
    (repo / ".mlcomply-ignore.yaml").symlink_to(canary)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "ignore file")  # a clone has the link too
    return repo


def test_scan_refuses_a_linked_ignore_file(tmp_path: Path, canary: tuple[Path, str]) -> None:
    target, marker = canary
    repo = _repo(tmp_path, target)
    out = tmp_path / "out"
    proc = run_cli(
        "scan", repo, "--sarif-output", out / "r.sarif", "--json-output", out / "r.json",
        "--report-output", out / "r.md",
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr  # the public bucket is reported, not suppressed
    results = json.loads((out / "r.json").read_text())
    refused = [e for e in results["errors"] if e["path"] == ".mlcomply-ignore.yaml"]
    assert [(e["kind"], e["message"]) for e in refused] == [
        ("refused", "read ignore file: symbolic link; not followed; no suppression taken from it"),
        ("refused", "symbolic link points outside the scan root; not read"),  # the walk's own report
    ]
    assert results["summary"]["suppressed"] == 0
    texts = [proc.stdout, proc.stderr, *(p.read_text() for p in out.iterdir())]
    assert not any(marker in t for t in texts)


def test_org_scan_refuses_a_linked_ignore_file(tmp_path: Path, canary: tuple[Path, str]) -> None:
    target, marker = canary
    repo = _repo(tmp_path, target)
    repos = tmp_path / "repos.txt"
    in_place = tmp_path / "in-place"
    subprocess.run(["git", "clone", "-q", str(repo), str(in_place)], check=True, capture_output=True)
    repos.write_text(f"file://{repo}\n{in_place}\n")  # a clone in the cache, and a checkout in place
    db = tmp_path / "org.sqlite"
    proc = run_cli(
        "org", "scan", "--repos", repos, "--db", db, "--cache-dir", tmp_path / "cache", "--workers", "1",
        "--no-progress",
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    texts = [proc.stdout, proc.stderr, database_text(db)]
    assert "symbolic link" in texts[2]  # the refusal is recorded with each repository's results
    for fmt in ("md", "html", "json"):
        report = tmp_path / f"org.{fmt}"
        done = run_cli("org", "report", "--db", db, "--output", report)
        assert done.returncode == 0, done.stderr
        texts += [done.stdout, done.stderr, report.read_text()]
    assert not any(marker in t for t in texts)

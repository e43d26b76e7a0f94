"""Item 1: a pull request commits the Action's output names as links to a file of the runner's.

The real `python -m scanner.action` runs on a clone with a fake GITHUB_* environment, once with
the default outputs (kept under $RUNNER_TEMP) and once with a workflow that asks for the very
names the PR committed as links; for a clean scan, a scan with findings and a scan that fails.
The link target is unchanged and its content appears nowhere: not in stdout, stderr, the step
outputs, the job summary or any file the run wrote.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, S3_ONLY, git, init_repo, run_cli

LINKED = ("mlcomply.sarif", "mlcomply.json", "mlcomply-report.md")
PUBLIC = 'resource "aws_s3_bucket" "site" {\n  bucket = "acme-site"\n  acl    = "public-read"\n}\n'
CLEAN = "# demo\n"


def _pull_request(tmp_path: Path, canary: Path, files: dict[str, str]) -> Path:
    """origin/main, and a checked-out PR branch that adds `files` and the three output links."""
    origin = init_repo(tmp_path / "origin", {"README.md": CLEAN})
    git(origin, "checkout", "-q", "-b", "pr")
    for name, text in files.items():
        (origin / name).write_text(text)
    for name in LINKED:
        (origin / name).symlink_to(canary)
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "pr")
    workspace = tmp_path / "ws"
    subprocess.run(["git", "clone", "-q", f"file://{origin}", str(workspace)], check=True, capture_output=True)
    git(workspace, "checkout", "-q", "pr")
    return workspace


def _run_action(
    tmp_path: Path, workspace: Path, inputs: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], Path]:
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    for name in ("output", "summary"):
        (tmp_path / name).write_text("")
    env = {
        **os.environ,
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "GITHUB_EVENT_NAME": "pull_request",
        "RUNNER_TEMP": str(runner_temp),
        "PYTHONPATH": str(REPO_ROOT),
        "HOME": str(tmp_path),
        "MLCOMPLY_DIFF_BASE": "main",
        "MLCOMPLY_FAIL_ON": "high",
        **inputs,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "scanner.action"], cwd=workspace, env=env, capture_output=True, text=True, timeout=300
    )
    return proc, runner_temp


SCANS = {
    # No finding, but the links the change adds are `refused` scan errors on changed files: the
    # gate fails on them (filters/errorgate), so a "clean" pull request of links still exits 1.
    "clean": ({"notes.md": CLEAN}, S3_ONLY[1], "1"),
    "findings": ({"site.tf": PUBLIC}, S3_ONLY[1], "1"),
    "failing": ({"site.tf": PUBLIC}, S3_ONLY[1], "2"),  # the scan itself fails: a usage error
}


@pytest.mark.parametrize("scan", sorted(SCANS))
@pytest.mark.parametrize("asked", [False, True], ids=["default-outputs", "workflow-names-the-links"])
def test_output_links_are_never_written_or_read(
    tmp_path: Path, canary: tuple[Path, str], scan: str, asked: bool
) -> None:
    target, marker = canary
    before = target.read_bytes()
    files, config, scan_exit = SCANS[scan]
    workspace = _pull_request(tmp_path, target, files)
    inputs = {"MLCOMPLY_CONFIG": config}
    if scan == "failing":
        inputs["MLCOMPLY_FAIL_ON"] = "severe"
    if asked:
        inputs.update(MLCOMPLY_SARIF=LINKED[0], MLCOMPLY_JSON=LINKED[1], MLCOMPLY_REPORT=LINKED[2])
    proc, runner_temp = _run_action(tmp_path, workspace, inputs)

    assert proc.returncode == 0, proc.stderr  # the scan step always lets the upload step run
    assert target.read_bytes() == before
    assert all((workspace / name).is_symlink() for name in LINKED)
    outputs = dict(line.split("=", 1) for line in (tmp_path / "output").read_text().splitlines())
    written = [p for p in runner_temp.rglob("*") if p.is_file()]
    if scan != "failing":
        assert {p.name for p in written} == set(LINKED)
        assert all(Path(outputs[k]).parent.parent == runner_temp for k in ("sarif-file", "json-file", "report-file"))
    if asked and scan != "failing":
        # Each link the workflow named is refused, and that is an error of the run.
        assert outputs["exit-code"] == "2"
        assert proc.stdout.count("the destination is a symbolic link; not followed, not replaced") == 3
    else:
        assert outputs["exit-code"] == scan_exit
    everything = [proc.stdout, proc.stderr, (tmp_path / "output").read_text(), (tmp_path / "summary").read_text()]
    everything += [p.read_text(errors="replace") for p in written]
    assert not any(marker in text for text in everything)
    assert (tmp_path / "summary").read_text().startswith("## mlcomply\n")


PUBLIC_REPO = {"site.tf": PUBLIC}
WRITERS = {
    "sarif": ("scan", "{repo}", "--sarif-output", "{link}"),
    "json": ("scan", "{repo}", "--json-output", "{link}"),
    "report-md": ("scan", "{repo}", "--report-output", "{link}.md"),
    "report-html": ("scan", "{repo}", "--report-output", "{link}.html"),
    "baseline": ("baseline", "create", "{repo}", "--output", "{link}"),
    "org-db": ("org", "scan", "--repos", "{repo}", "--db", "{link}", "--cache-dir", "{cache}", "--no-progress"),
    "org-report": ("org", "report", "--db", "{db}", "--output", "{link}.md"),
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_every_writer_refuses_a_link_at_its_destination(tmp_path: Path, canary: tuple[Path, str], writer: str) -> None:
    target, marker = canary
    before = target.read_bytes()
    repo = init_repo(tmp_path / "repo", PUBLIC_REPO)
    db = tmp_path / "org.sqlite"
    if writer == "org-report":
        done = run_cli("org", "scan", "--repos", repo, "--db", db, "--cache-dir", tmp_path / "cache", "--no-progress")
        assert done.returncode in (0, 1), done.stderr
    link = tmp_path / "out" / "result"
    argv = [a.format(repo=repo, link=link, db=db, cache=tmp_path / "cache") for a in WRITERS[writer]]
    dest = next(Path(a) for a in argv if a.startswith(str(link)))
    dest.parent.mkdir(exist_ok=True)
    dest.symlink_to(target)
    proc = run_cli(*argv)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "symbolic link; not followed, not replaced" in proc.stderr
    assert target.read_bytes() == before and dest.is_symlink()
    assert marker not in proc.stdout + proc.stderr

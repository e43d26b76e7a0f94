"""action.yml, run locally: its shell steps with a fake GITHUB_* environment on a PR-like clone.

The `uses:` steps (setup-python, upload-sarif) need GitHub's runner and are checked statically;
the install step needs PyPI, so the scan step runs this checkout with this interpreter instead.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner import action
from tests.conftest import REPO_ROOT, S3_ONLY, git, init_repo, write_files

ACTION = yaml.safe_load((REPO_ROOT / "action.yml").read_text())
STEPS = {s["name"]: s for s in ACTION["runs"]["steps"]}
EXPR = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")
PINNED = re.compile(r"^[\w./-]+@[0-9a-f]{40}$")


def bucket(name: str) -> str:
    return f'resource "aws_s3_bucket" "{name}" {{\n  bucket = "acme-{name}"\n  acl    = "public-read"\n}}\n'


def test_inputs_reach_scripts_through_env_only() -> None:
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], step["name"]
            assert step["shell"] == "bash"


def test_actions_are_pinned_and_upload_tolerates_forks() -> None:
    uses = [s["uses"] for s in ACTION["runs"]["steps"] if "uses" in s]
    assert uses and all(PINNED.match(u) for u in uses), uses
    upload = STEPS["Upload SARIF to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["continue-on-error"] is True
    assert "github.event.pull_request.head.repo.full_name == github.repository" in upload["if"]
    assert "inputs.upload-sarif == 'true'" in upload["if"]
    setup = STEPS["Set up Python"]["with"]
    assert setup["cache"] == "pip"
    assert set(ACTION["inputs"]) >= {"path", "fail-on", "config", "diff-base", "sarif-file", "report-file"}
    assert ACTION["inputs"]["diff-base"]["default"] == "${{ github.base_ref }}"
    assert set(ACTION["outputs"]) >= {"findings", "critical", "high", "sarif-file"}


def _render(value: str, context: dict[str, str]) -> str:
    """The few expressions action.yml uses in `env:` values, and nothing else."""

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in context:
            raise AssertionError(f"expression not simulated: {name}")
        return context[name]

    return EXPR.sub(sub, str(value))


def _run_step(name: str, context: dict[str, str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    step = STEPS[name]
    step_env = {k: _render(v, context) for k, v in (step.get("env") or {}).items()}
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=cwd,
        env={**env, **step_env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines())


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """main has one public bucket; `feature` adds five more (15 findings)."""
    repo = init_repo(tmp_path / "origin", {"infra/main.tf": bucket("old"), "README.md": "# demo\n"})
    git(repo, "checkout", "-q", "-b", "feature")
    write_files(repo, {f"infra/new{i}.tf": bucket(f"new{i}") for i in range(5)})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "add buckets")
    git(repo, "checkout", "-q", "main")
    return repo


def _github_env(tmp_path: Path, workspace: Path, event: str, base_ref: str) -> tuple[dict[str, str], dict[str, str]]:
    event_path = tmp_path / "event.json"
    payload: dict[str, Any] = {}
    if event == "pull_request":
        payload = {"pull_request": {"base": {"ref": base_ref}, "head": {"repo": {"full_name": "acme/ml"}}}}
    event_path.write_text(json.dumps(payload))
    for name in ("output", "summary", "env"):
        (tmp_path / name).write_text("")
    env = {
        **os.environ,
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "GITHUB_ENV": str(tmp_path / "env"),
        "GITHUB_EVENT_NAME": event,
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_BASE_REF": base_ref,
        "GITHUB_REPOSITORY": "acme/ml",
        "RUNNER_TEMP": str(tmp_path),
        "MLCOMPLY_PYTHON": sys.executable,  # what the install step records in $GITHUB_ENV
        "PYTHONPATH": str(REPO_ROOT),
        "HOME": str(tmp_path),
    }
    context = {f"inputs.{k}": str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    context["github.action_path"] = str(REPO_ROOT)
    context["inputs.diff-base"] = base_ref  # its default, ${{ github.base_ref }}, on this event
    context["inputs.config"] = S3_ONLY[1]  # the counts below are those of the three S3 rules
    return env, context


def _clone(origin: Path, dest: Path, *args: str) -> Path:
    subprocess.run(["git", "clone", "-q", *args, f"file://{origin}", str(dest)], check=True, capture_output=True)
    return dest


def _scan_and_finish(env: dict[str, str], context: dict[str, str], workspace: Path, tmp_path: Path) -> dict[str, str]:
    scan = _run_step("Scan", context, env, workspace)
    assert scan.returncode == 0, scan.stdout + scan.stderr  # the scan step never hides the upload
    outputs = _outputs(tmp_path / "output")
    (tmp_path / "scan.log").write_text(scan.stdout)
    context.update({f"steps.scan.outputs.{k}": v for k, v in outputs.items()})
    fail = _run_step("Apply fail-on", context, env, workspace)
    outputs["job-exit"] = str(fail.returncode)
    return outputs


def test_pull_request_gates_to_new_findings(origin: Path, tmp_path: Path) -> None:
    workspace = _clone(origin, tmp_path / "ws")  # fetch-depth: 0
    git(workspace, "checkout", "-q", "feature")
    git(workspace, "branch", "-q", "-D", "main")  # CI has origin/main only
    env, context = _github_env(tmp_path, workspace, "pull_request", "main")
    outputs = _scan_and_finish(env, context, workspace, tmp_path)

    assert outputs["exit-code"] == "1" and outputs["job-exit"] == "1"
    assert outputs["findings"] == "15"  # 5 new buckets x 3 rules; the old bucket is not the PR's
    # S3-002 critical; S3-003 medium (new buckets block public access by default since April
    # 2023), S3-001 low (S3 encrypts new objects by default since January 2023).
    assert (outputs["critical"], outputs["high"], outputs["suppressed"]) == ("5", "0", "3")
    sarif = json.loads(Path(outputs["sarif-file"]).read_text())
    # By default the outputs stay in this run's folder under $RUNNER_TEMP, out of the workspace.
    assert Path(outputs["sarif-file"]).parent.parent == tmp_path and not (workspace / "mlcomply.sarif").exists()
    assert Path(outputs["json-file"]).parent == Path(outputs["sarif-file"]).parent
    names = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in sarif["runs"][0]["results"]}
    assert names == {f"aws_s3_bucket.new{i}" for i in range(5)}

    log = (tmp_path / "scan.log").read_text().splitlines()
    assert "--diff-base origin/main" in log[0]
    # The echoed console report runs with workflow commands paused; annotations come after.
    token = log[1].removeprefix("::stop-commands::")
    assert log[1].startswith("::stop-commands::") and len(token) == 32
    resume = log.index(f"::{token}::")
    assert any("MLC-AWS-S3-002" in line for line in log[2:resume])
    annotations = [line for line in log[resume:] if line.startswith(("::error ", "::warning ", "::notice "))]
    assert len(annotations) == 10
    assert annotations[0].startswith("::error file=infra/new")
    assert ",line=1,endLine=4,title=MLC-AWS-S3-002%3A " in annotations[0]
    assert any(line.startswith("::notice::mlcomply: 5 more finding(s)") for line in log)

    summary = (tmp_path / "summary").read_text()
    assert summary.startswith("## mlcomply\n")
    assert "merge base with origin/main." in summary
    assert "**15 finding(s)** (5 critical · 5 medium · 5 low); 3 suppressed." in summary
    assert "MLC-AWS-S3-002" in summary  # the console report (or the NIST report once it exists)


def test_shallow_checkout_fetches_the_base(origin: Path, tmp_path: Path) -> None:
    workspace = _clone(origin, tmp_path / "ws", "--depth", "1", "--branch", "feature", "--single-branch")
    env, context = _github_env(tmp_path, workspace, "pull_request", "main")
    outputs = _scan_and_finish(env, context, workspace, tmp_path)
    assert outputs["exit-code"] == "1"
    assert outputs["findings"] == "15"


def test_push_scans_everything_and_fail_on_none_passes(origin: Path, tmp_path: Path) -> None:
    workspace = _clone(origin, tmp_path / "ws")
    env, context = _github_env(tmp_path, workspace, "push", "")
    context["inputs.fail-on"] = "none"
    outputs = _scan_and_finish(env, context, workspace, tmp_path)
    assert outputs["exit-code"] == "0" and outputs["job-exit"] == "0"
    assert outputs["findings"] == "3"  # main: the old bucket
    summary = (tmp_path / "summary").read_text()
    assert "merge base" not in summary


def test_scan_error_fails_the_job_with_code_2(origin: Path, tmp_path: Path) -> None:
    workspace = _clone(origin, tmp_path / "ws")
    env, context = _github_env(tmp_path, workspace, "push", "")
    context["inputs.config"] = "missing.yaml"
    outputs = _scan_and_finish(env, context, workspace, tmp_path)
    assert outputs["exit-code"] == "2" and outputs["job-exit"] == "2"
    assert outputs["sarif-file"] == ""


@pytest.mark.parametrize(("flag", "known"), [("--sarif-output", True), ("--no-such-flag", False)])
def test_supports_detects_scan_flags(flag: str, known: bool) -> None:
    assert action.supports(flag) is known


def test_summary_prefers_the_markdown_report() -> None:
    doc = {"summary": {"total": 1, "suppressed": 0, "by_severity": {"high": 1, "low": 0}}}
    text = action.summary_markdown("# NIST AI RMF report\n", "console text", doc, "origin/main")
    assert text.endswith("# NIST AI RMF report\n\n")
    assert "console text" not in text
    assert "**1 finding(s)** (1 high); 0 suppressed." in text
    assert "```text\nconsole text\n```" in action.summary_markdown(None, "console text", doc, "")


def test_repository_text_cannot_issue_workflow_commands() -> None:
    finding = {
        "path": "a,b.tf",
        "start_line": 1,
        "end_line": 2,
        "rule_id": "MLC-X-001",
        "title": "t: x",
        "severity": "high",
        "message": "bucket 'x\n::add-mask::y' is 100% public",
        "suppression": None,
    }
    (line,) = action.annotations([finding])
    assert line == (
        "::error file=a%2Cb.tf,line=1,endLine=2,title=MLC-X-001%3A t%3A x::bucket 'x%0A::add-mask::y' is 100%25 public"
    )


def test_summary_stays_under_githubs_limit() -> None:
    text = action.summary_markdown("| row |\n" * 300_000, "", None, "")
    assert len(text.encode()) <= action.MAX_SUMMARY_BYTES
    assert "(truncated: the full report is the `report-file` / JSON output)" in text


def test_attest_writes_the_statement_and_signs_it_keyless(origin: Path, tmp_path: Path) -> None:
    workspace = _clone(origin, tmp_path / "ws")
    env, context = _github_env(tmp_path, workspace, "push", "")
    context.update({"inputs.attest": "true", "inputs.fail-on": "none"})
    outputs = _scan_and_finish(env, context, workspace, tmp_path)
    statement = json.loads(Path(outputs["attestation-file"]).read_text())
    assert statement["predicateType"] == "https://mlcomply.invalid/attestation/scan/v1"
    assert {s["name"] for s in statement["subject"]} == {"infra/main.tf", "README.md"}
    # Signing runs on GitHub's runner (OIDC, Fulcio, Rekor): checked statically, after the scan.
    for name in ("Install cosign", "Sign the attestation (keyless)"):
        assert "inputs.attest == 'true'" in STEPS[name]["if"]
    assert STEPS["Install cosign"]["uses"].startswith("sigstore/cosign-installer@")
    assert "cosign sign-blob --yes --bundle" in STEPS["Sign the attestation (keyless)"]["run"]
    names = [s["name"] for s in ACTION["runs"]["steps"]]
    assert names.index("Scan") < names.index("Sign the attestation (keyless)") < names.index("Apply fail-on")

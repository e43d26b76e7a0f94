from __future__ import annotations

import json
from pathlib import Path

import git as gitpython
import pytest

from scanner.filters import diffgate
from tests.conftest import S3_ONLY, git, run_cli, write_files
from tests.writers.test_json_out import validate_results


def bucket(name: str, acl: str = "public-read", extra: str = "") -> str:
    return f'resource "aws_s3_bucket" "{name}" {{\n  bucket = "acme-{name}"\n  acl    = "{acl}"\n{extra}}}\n'


def _active(json_path: Path) -> set[tuple[str, str]]:
    doc = json.loads(json_path.read_text())
    return {(f["rule_id"], f["address"]) for f in doc["findings"] if f["suppression"] is None}


@pytest.fixture
def pr_repo(make_repo) -> Path:
    """main has a public bucket `old`; the branch `feature` is checked out."""
    root = make_repo({"infra/main.tf": bucket("old") + "\n" + bucket("quiet", "private")})
    git(root, "checkout", "-q", "-b", "feature")
    return root


def _commit(root: Path, files: dict[str, str]) -> None:
    write_files(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")


def test_only_new_findings_fail_the_pr(pr_repo: Path, tmp_path: Path) -> None:
    _commit(pr_repo, {"infra/new.tf": bucket("new")})
    res = run_cli("scan", *S3_ONLY, pr_repo, "--diff-base", "main", "--json-output", tmp_path / "r.json")
    assert res.returncode == 1
    assert _active(tmp_path / "r.json") == {
        ("MLC-AWS-S3-001", "aws_s3_bucket.new"),
        ("MLC-AWS-S3-002", "aws_s3_bucket.new"),
        ("MLC-AWS-S3-003", "aws_s3_bucket.new"),
    }
    doc = json.loads((tmp_path / "r.json").read_text())
    old = [f["suppression"] for f in doc["findings"] if f["address"] == "aws_s3_bucket.old"]
    assert len(old) == 3
    assert all(s["kind"] == "diff-base" and s["source"] == "main" for s in old)
    assert "present at the merge base" in old[0]["justification"]
    validate_results(doc)  # "diff-base" is a suppression kind of the results schema
    # The temporary worktree of the merge base is gone.
    assert len(git(pr_repo, "worktree", "list").splitlines()) == 1


def test_debt_outside_the_change_passes(pr_repo: Path, tmp_path: Path) -> None:
    _commit(pr_repo, {"README.md": "docs only\n"})
    # main moves on after the branch point: the merge base, not main's tip, is the reference.
    git(pr_repo, "checkout", "-q", "main")
    _commit(pr_repo, {"infra/later.tf": bucket("later")})
    git(pr_repo, "checkout", "-q", "feature")
    res = run_cli("scan", *S3_ONLY, pr_repo, "--diff-base", "main", "--json-output", tmp_path / "r.json")
    assert res.returncode == 0, res.stdout
    assert _active(tmp_path / "r.json") == set()


def test_findings_on_a_changed_resource_are_reported(pr_repo: Path, tmp_path: Path) -> None:
    # Renaming the bucket touches the old resource: its findings are now the PR's business,
    # but the untouched `quiet` bucket's are not, although it sits in the same file.
    text = (pr_repo / "infra/main.tf").read_text().replace('"acme-old"', '"acme-old-v2"')
    write_files(pr_repo, {"infra/main.tf": text})  # uncommitted changes count too
    res = run_cli("scan", *S3_ONLY, pr_repo, "--diff-base", "main", "--json-output", tmp_path / "r.json")
    assert res.returncode == 1
    assert _active(tmp_path / "r.json") == {
        ("MLC-AWS-S3-001", "aws_s3_bucket.old"),
        ("MLC-AWS-S3-002", "aws_s3_bucket.old"),
        ("MLC-AWS-S3-003", "aws_s3_bucket.old"),
    }


def test_a_moved_file_brings_no_new_findings(pr_repo: Path, tmp_path: Path) -> None:
    (pr_repo / "storage").mkdir()
    git(pr_repo, "mv", "infra/main.tf", "storage/buckets.tf")
    res = run_cli("scan", *S3_ONLY, pr_repo, "--diff-base", "main", "--json-output", tmp_path / "r.json")
    assert res.returncode == 0, res.stdout
    assert _active(tmp_path / "r.json") == set()
    # ...but a moved file's changed resource is still the change's business.
    text = (pr_repo / "storage/buckets.tf").read_text().replace('"acme-old"', '"acme-old-v2"')
    write_files(pr_repo, {"storage/buckets.tf": text})
    res = run_cli("scan", *S3_ONLY, pr_repo, "--diff-base", "main", "--json-output", tmp_path / "r.json")
    assert res.returncode == 1
    assert {a for _, a in _active(tmp_path / "r.json")} == {"aws_s3_bucket.old"}


def test_base_checkout_runs_no_hooks(pr_repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "hook-ran"
    hook = pr_repo / ".git/hooks/post-checkout"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    git(pr_repo, "checkout", "-q", "main")
    assert marker.exists()  # the hook works for the user's own checkouts
    marker.unlink()
    git(pr_repo, "checkout", "-q", "feature")
    marker.unlink()
    assert run_cli("scan", *S3_ONLY, pr_repo, "--diff-base", "main").returncode == 0
    assert not marker.exists()


def test_unknown_ref_is_a_usage_error(pr_repo: Path) -> None:
    res = run_cli("scan", *S3_ONLY, pr_repo, "--diff-base", "origin/nope")
    assert res.returncode == 2
    assert "diff base: unknown revision 'origin/nope'" in res.stderr


def test_changed_lines(pr_repo: Path) -> None:
    base = git(pr_repo, "rev-parse", "HEAD").strip()
    text = (pr_repo / "infra/main.tf").read_text()
    lines = text.splitlines(keepends=True)
    del lines[2]  # a pure deletion inside `old`
    write_files(pr_repo, {"infra/main.tf": "".join(lines) + bucket("added"), "untracked.tf": "x = 1\n"})
    changed = diffgate.changed_lines(gitpython.Repo(pr_repo), base)
    n = len(lines)
    assert changed == {
        "infra/main.tf": frozenset({2, 3, *range(n + 1, n + 5)}),
        "untracked.tf": None,
    }

"""#13 item 8: the scanned repository's git config runs nothing (fsmonitor, hooks, filters, textconv).

The repository's `.git/config` names programs that each append to a marker file: an fsmonitor
hook, clean/smudge and long-running process filters, a textconv and an external diff driver,
and a post-checkout hook. Plain git, run by the test itself, runs them (so the trap is live);
mlcomply's scans, with and without --diff-base and with --since, never do.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scanner.vcs import safegit
from tests.conftest import git, init_repo, run_cli, write_files

BUCKET = 'resource "aws_s3_bucket" "{0}" {{\n  bucket = "acme-{0}"\n}}\n'


def _program(path: Path, marker: Path) -> str:
    """A script that records that it ran, then behaves like `cat` for filters and textconv."""
    body = 'if [ -n "$1" ] && [ -f "$1" ]; then cat "$1"; else cat; fi'
    path.write_text(f'#!/bin/sh\necho "$0 $*" >> "{marker}"\n{body}\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


@pytest.fixture
def trapped(tmp_path: Path) -> tuple[Path, Path]:
    """A repository on branch `feature` (one commit past `main`, plus an uncommitted edit), with
    every kind of executable git config pointed at a program that leaves a marker."""
    marker = tmp_path / "marker"
    repo = init_repo(
        tmp_path / "repo",
        {
            "infra/main.tf": BUCKET.format("base"),
            "jobs/pod.yaml": "apiVersion: v1\nkind: Pod\n",
            ".gitattributes": "*.tf filter=evil diff=evil\n*.yaml filter=evilproc diff=evil\n",
        },
    )
    git(repo, "checkout", "-q", "-b", "feature")
    write_files(repo, {"infra/new.tf": BUCKET.format("new"), "jobs/pod.yaml": "apiVersion: v1\nkind: Pod\n# x\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "feature")
    write_files(repo, {"infra/main.tf": BUCKET.format("base") + "# edited\n"})

    run = _program(tmp_path / "run.sh", marker)
    settings = {
        "core.fsmonitor": run,
        "filter.evil.clean": run,
        "filter.evil.smudge": run,
        "filter.evilproc.process": run,
        "diff.evil.textconv": run,
        "diff.evil.command": run,
        "diff.external": run,
    }
    for key, value in settings.items():
        git(repo, "config", key, value)
    hooks = repo / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    _program(hooks / "post-checkout", marker)
    return repo, marker


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("scan", "."), id="full-scan"),
        pytest.param(("scan", ".", "--diff-base", "main"), id="diff-base"),
        pytest.param(("scan", ".", "--since", "main"), id="since"),
        pytest.param(("scan", "--files-only", "infra/new.tf"), id="files-only"),
    ],
)
def test_scans_run_no_program_from_the_repository_config(trapped: tuple[Path, Path], args: tuple[str, ...]) -> None:
    repo, marker = trapped
    res = run_cli(*args, "--json-output", repo.parent / "out.json", cwd=repo)
    assert res.returncode in (0, 1), res.stderr
    assert (repo.parent / "out.json").is_file()
    assert not marker.exists(), marker.read_text()


def test_the_trap_is_live_for_plain_git(trapped: tuple[Path, Path]) -> None:
    """Without the neutralising options the same repository runs its programs."""
    repo, marker = trapped
    git(repo, "status", "--porcelain")
    git(repo, "diff", "main")
    git(repo, "worktree", "add", "-q", "--detach", str(repo.parent / "wt"), "main")
    ran = marker.read_text()
    assert "post-checkout" in ran  # the hook
    assert ran.count("run.sh") >= 3  # fsmonitor, filters, textconv / external diff


def test_filter_overrides_cover_every_configured_driver(trapped: tuple[Path, Path]) -> None:
    repo, _ = trapped
    git(repo, "config", "filter.odd=name.smudge", "whatever")
    env = safegit.neutral_env(repo, {})
    keys = {env[k] for k in env if k.startswith("GIT_CONFIG_KEY_")}
    for driver in ("evil", "evilproc", "odd=name", "lfs"):
        assert {f"filter.{driver}.{cmd}" for cmd in ("clean", "smudge", "process")} <= keys
    assert env["GIT_LFS_SKIP_SMUDGE"] == "1"


def test_existing_config_parameters_are_kept(trapped: tuple[Path, Path]) -> None:
    repo, _ = trapped
    env = safegit.neutral_env(repo, {"GIT_CONFIG_COUNT": "2"})
    assert env["GIT_CONFIG_KEY_2"].startswith("filter.")  # appended after the caller's two
    assert int(env["GIT_CONFIG_COUNT"]) > 2
    assert "GIT_CONFIG_KEY_0" not in env and os.environ.get("GIT_CONFIG_KEY_0") is None

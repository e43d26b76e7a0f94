"""Each repository in a child process: hard time limit over its whole process group, crashes contained."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from scanner.org import isolate
from scanner.org.sources import RepoSpec
from tests.org.conftest import ORG, make_org, processes_running

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="isolation needs fork")


def test_ok_outcome(tmp_path: Path) -> None:
    repos = make_org(tmp_path)
    outcome = isolate.scan_isolated(RepoSpec("alpha", str(repos["alpha"]), False), tmp_path / "c", "high", 60)
    assert outcome.status == "ok" and outcome.error is None and outcome.commit
    assert outcome.by_severity == {"critical": 1, "high": 2, "medium": 1, "low": 0, "info": 0}
    assert sorted(f.path for f in outcome.findings) == sorted(["main.tf"] * 3 + ["k8s/train.yaml"])
    assert set(ORG["alpha"]) == {"main.tf", "k8s/train.yaml"}


def test_timeout_kills_the_clone_and_its_children(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_SSH_COMMAND", "sleep 61.25; true")  # an ssh remote that never answers
    spec = RepoSpec("slow", "ssh://git.example.invalid/slow.git", is_url=True)
    started = time.monotonic()
    outcome = isolate.scan_isolated(spec, tmp_path / "cache", "high", 1.0)
    assert (outcome.status, outcome.error) == ("timeout", "timed out after 1 s")
    assert time.monotonic() - started < 10
    assert processes_running("sleep 61.25") == []


def test_a_crashing_scan_is_an_error_for_that_repository_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would

    monkeypatch.setattr(isolate, "scan_repository", crash)
    outcome = isolate.scan_isolated(RepoSpec("r", str(tmp_path), False), tmp_path / "c", "high", 30)
    assert (outcome.status, outcome.error) == ("error", "scan process died (signal 9)")


def test_an_exception_is_an_error_with_its_message(tmp_path: Path) -> None:
    outcome = isolate.scan_isolated(RepoSpec("gone", str(tmp_path / "gone"), False), tmp_path / "c", "high", 30)
    assert outcome.status == "error" and outcome.error == f"repository path does not exist: {tmp_path / 'gone'}"

"""Each repository in a scan process: hard time limit over its whole process group, crashes contained."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.org import isolate
from scanner.org.sources import RepoSpec
from tests.conftest import S3_ONLY
from tests.org.conftest import make_org, processes_running

S3_CONFIG = Path(S3_ONLY[1])  # the counts below are those of the original S3 rules

pytestmark = pytest.mark.skipif(os.name != "posix", reason="scan processes need POSIX process groups")

SLOW = RepoSpec("slow", "ssh://git.example.invalid/slow.git", is_url=True)


@pytest.fixture(autouse=True)
def _stop_server() -> Iterator[None]:
    yield
    isolate.stop_server()


def test_one_server_scans_repository_after_repository(tmp_path: Path) -> None:
    repos = make_org(tmp_path)
    alpha = isolate.scan_isolated(RepoSpec("alpha", str(repos["alpha"]), False), tmp_path / "c", "high", 60, S3_CONFIG)
    assert alpha.status == "ok" and alpha.error is None and alpha.commit
    assert alpha.by_severity == {"critical": 1, "high": 0, "medium": 2, "low": 1, "info": 0}
    assert sorted(f.path for f in alpha.findings) == ["k8s/train.yaml", "main.tf", "main.tf", "main.tf"]
    pid = isolate._local.server.proc.pid
    beta = isolate.scan_isolated(RepoSpec("beta", str(repos["beta"]), False), tmp_path / "c", "high", 60, S3_CONFIG)
    assert beta.status == "ok" and (beta.by_severity["medium"], beta.by_severity["low"]) == (1, 1)
    assert isolate._local.server.proc.pid == pid  # rules loaded once, server reused


def test_timeout_kills_the_clone_and_its_children(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_SSH_COMMAND", "sleep 61.25; true")  # an ssh remote that never answers
    started = time.monotonic()
    outcome = isolate.scan_isolated(SLOW, tmp_path / "cache", "high", 1.0)
    assert (outcome.status, outcome.error) == ("timeout", "timed out after 1 s")
    assert time.monotonic() - started < 15
    assert processes_running("sleep 61.25") == []
    # The next repository gets a fresh server.
    gone = isolate.scan_isolated(RepoSpec("gone", str(tmp_path / "gone"), False), tmp_path / "c", "high", 30)
    assert gone.status == "error" and gone.error == f"repository path does not exist: {tmp_path / 'gone'}"


def test_a_dying_scan_process_is_an_error_for_that_repository_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_SSH_COMMAND", "sleep 61.5; true")
    isolate.scan_isolated(RepoSpec("warm", str(tmp_path), False), tmp_path / "c", "high", 30)  # start the server
    server = isolate._local.server

    def oom_killer() -> None:  # as the OOM killer would, while the clone hangs
        time.sleep(0.5)
        os.kill(server.proc.pid, signal.SIGKILL)

    threading.Thread(target=oom_killer).start()
    outcome = isolate.scan_isolated(SLOW, tmp_path / "cache", "high", 30)
    assert (outcome.status, outcome.error) == ("error", "scan process died (signal 9)")
    assert processes_running("sleep 61.5") == []

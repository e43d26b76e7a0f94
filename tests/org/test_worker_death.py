"""An org worker killed mid-run (SIGKILL, as the OOM killer does): the run ends, never hangs, with
every other repository's results; the lost repository is scanned again, and a second death on it
is its recorded error."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from tests.conftest import REPO_ROOT
from tests.org.conftest import _matching, make_org, processes_running

# The clone of the last repository runs this instead of ssh: it hangs until killed.
HANG = "sleep 61.25"


def _parent(pid: int) -> int:
    # /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ")".
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _worker_of(pid: int, run: int) -> int:
    """The run's worker process above `pid` (the child of the run on its chain of parents)."""
    while (parent := _parent(pid)) != run:
        assert parent > 1, f"process {pid} is not under the run"
        pid = parent
    return pid


def _clones() -> list[int]:
    """The hanging `sleep` itself (not the shell that git started it with)."""
    found = []
    for pid in _matching(HANG):
        try:
            if Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0] == b"sleep":
                found.append(pid)
        except OSError:
            continue
    return found


def _hanging_clone(deadline: float) -> int:
    while time.monotonic() < deadline:
        if found := _clones():
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no {HANG!r} process started")


def _gone(pid: int, settle: float) -> bool:
    deadline = time.monotonic() + settle
    while pid in _clones():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_killed_worker_costs_its_repository_only_and_never_hangs_the_run(tmp_path: Path) -> None:
    repos = make_org(tmp_path / "org")
    listing = tmp_path / "repos.txt"
    listing.write_text("".join(f"{path}\n" for path in repos.values()) + "ssh://git.example.invalid/hang.git\n")
    db = tmp_path / "h.sqlite"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "GIT_SSH_COMMAND": f"{HANG}; true"}
    args = ["org", "scan", "--repos", str(listing), "--db", str(db), "--workers", "2", "--timeout", "50"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "scanner", *args, "--cache-dir", str(tmp_path / "cache")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(2):  # the first death reruns the repository; the second is its error
            clone = _hanging_clone(time.monotonic() + 60)
            os.kill(_worker_of(clone, proc.pid), signal.SIGKILL)
            # The killed worker's scan server (its own session: the kill did not reach it)
            # noticed, and took its clone down with it.
            assert _gone(clone, settle=5.0)
        # Far below the clone's 61 s and the 50 s time limit: the run did not wait on either.
        stdout, stderr = proc.communicate(timeout=40)
        assert processes_running(HANG) == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()

    assert proc.returncode == 2, stderr
    assert "6 scanned, 1 failed" in stdout
    assert (
        "git.example.invalid/hang: error: scan in a worker process: the worker process died twice on it "
        "(killed by SIGKILL" in stdout
    )
    assert "a worker process died (killed by SIGKILL) while scanning git.example.invalid/hang; scanned again" in stderr
    with closing(sqlite3.connect(db)) as conn:
        statuses = dict(conn.execute("SELECT repo, status FROM repo_runs"))
    assert statuses == {**{str(path): "ok" for path in repos.values()}, "git.example.invalid/hang": "error"}

"""Run one repository's scan in a separate process with a hard time limit.

Each worker (a pool process, or a Dask worker thread) keeps one scan server process
(scanner.org.server) that loaded the rules once and scans its repositories one at a time. On
timeout the server's whole process group, including a `git fetch` it started, is killed and a
new server is started for the next repository: a hung clone or a pathological file costs one
repository, never the worker or the run. A server that dies (a native parser fault, the OOM
killer) is recorded as an error for its repository the same way. POSIX only (process groups,
select() on pipes).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, cast

import scanner
from scanner.org.outcome import ERROR, READY, TIMEOUT, RepoOutcome
from scanner.org.sources import RepoSpec

START_TIMEOUT = 120.0

_local = threading.local()  # one server per worker thread


class ScanServer:
    def __init__(self) -> None:
        env = dict(os.environ)
        package_root = Path(scanner.__file__).resolve().parent.parent
        if package_root.name not in ("site-packages", "dist-packages"):  # a checkout: import this same one
            env["PYTHONPATH"] = os.pathsep.join(p for p in (str(package_root), env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "scanner.org.server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group: killed as a whole, spared terminal Ctrl-C
        )
        self.stdin = cast(IO[bytes], self.proc.stdin)
        self.stdout = cast(IO[bytes], self.proc.stdout)
        self.ready = False

    def _await_ready(self) -> None:
        # Start-up (imports, rules, warm-up) is not charged to the first repository's time limit.
        if not select.select([self.stdout], [], [], START_TIMEOUT)[0] or pickle.load(self.stdout) != READY:
            raise OSError(f"scan process did not start within {START_TIMEOUT} s")
        self.ready = True

    def scan(
        self, spec: RepoSpec, cache_dir: Path, fail_on: str, timeout: float, config: Path | None = None
    ) -> RepoOutcome | None:
        """The outcome, or None on timeout. EOFError/OSError when the server died."""
        if not self.ready:
            self._await_ready()
        pickle.dump((spec, cache_dir, fail_on, config), self.stdin)
        self.stdin.flush()
        ready, _, _ = select.select([self.stdout], [], [], timeout)
        if not ready:
            return None
        outcome: RepoOutcome = pickle.load(self.stdout)
        return outcome

    def kill(self) -> str:
        """Kill the server and everything it started; how it ended, for the error message."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        for pipe in (self.stdin, self.stdout):
            with contextlib.suppress(OSError):  # unflushed data to a dead process
                pipe.close()
        code = self.proc.wait()
        return f"signal {-code}" if code < 0 else f"exit {code}"


def scan_isolated(
    spec: RepoSpec, cache_dir: Path, fail_on: str, timeout: float, config: Path | None = None
) -> RepoOutcome:
    """The task an executor runs for one repository; never raises for a repository's fault."""
    server: ScanServer | None = getattr(_local, "server", None)
    if server is None or server.proc.poll() is not None:
        server = _local.server = ScanServer()
    started = time.perf_counter()
    try:
        outcome = server.scan(spec, cache_dir, fail_on, timeout, config)
    except (EOFError, OSError, pickle.UnpicklingError):
        _local.server = None
        how = server.kill()
        return RepoOutcome.failed(spec.name, ERROR, f"scan process died ({how})", time.perf_counter() - started)
    except BaseException:  # interrupted (SystemExit from SIGTERM, KeyboardInterrupt): stop the scan too
        _local.server = None
        server.kill()
        raise
    if outcome is None:
        _local.server = None
        server.kill()
        return RepoOutcome.failed(spec.name, TIMEOUT, f"timed out after {timeout:g} s", timeout)
    return outcome


def stop_server() -> None:
    """Stop this thread's scan server now (it would otherwise exit when its worker exits)."""
    server: ScanServer | None = getattr(_local, "server", None)
    _local.server = None
    if server is not None:
        server.kill()

"""Run one repository's scan in a child process with a hard time limit.

The worker process loads the rules once; for each repository it forks a child that inherits
them (no reload), does the clone and the scan, and sends back the outcome. On timeout the
child's whole process group (including a `git fetch` it started) is killed, so a hung clone or a
pathological file costs one repository, never the worker or the run. A child that crashes
(e.g. a native parser fault) is recorded as an error the same way.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
import time
import traceback
from multiprocessing import Pipe
from pathlib import Path

import git

from scanner.errors import FatalError
from scanner.org.repo_scan import ERROR, TIMEOUT, RepoOutcome, scan_repository
from scanner.org.sources import RepoSpec, redact
from scanner.rulesets import RuleSet, load_ruleset
from scanner.scan import scan

# One rule set per worker thread: a regorus engine must stay on the thread that built it.
# Process-pool workers have one thread, so it is loaded once per process.
_local = threading.local()


_WARM_UP = {"main.tf": 'resource "aws_s3_bucket" "a" {}\n', "pod.yaml": "apiVersion: v1\nkind: Pod\n"}


def worker_ruleset() -> RuleSet:
    ruleset = getattr(_local, "ruleset", None)
    if ruleset is None:
        ruleset = _local.ruleset = load_ruleset()
        # The first scan in a process pays one-off costs (tfparse's runtime start, lazy imports,
        # ~70 ms); paying them here, before forking, spares every repository's child.
        with tempfile.TemporaryDirectory(prefix="mlcomply-warm-") as tmp:
            for name, text in _WARM_UP.items():
                Path(tmp, name).write_text(text, encoding="utf-8")
            scan([Path(tmp)], ruleset)
    return ruleset


def _describe(exc: BaseException) -> str:
    if isinstance(exc, git.GitCommandError):
        # git's own complaint ("fatal: ..."), not GitPython's dump of the command line.
        stderr = str(exc.stderr or "").strip().strip("'").strip()
        fatal = [line for line in stderr.splitlines() if line.startswith(("fatal:", "error:"))]
        verb = exc.command[1] if isinstance(exc.command, list | tuple) and len(exc.command) > 1 else "command"
        text = f"git {verb} failed (exit {exc.status}): " + ("; ".join(fatal) or stderr or "no message")
    elif isinstance(exc, OSError | FatalError):
        text = str(exc)
    else:
        text = f"{type(exc).__name__}: {exc}"
    return redact(text)[:2000]


def _attempt(spec: RepoSpec, cache_dir: Path, fail_on: str, started: float) -> RepoOutcome:
    try:
        return scan_repository(spec, cache_dir, worker_ruleset(), fail_on)
    except Exception as exc:
        return RepoOutcome.failed(spec.name, ERROR, _describe(exc), time.perf_counter() - started)


def scan_isolated(spec: RepoSpec, cache_dir: Path, fail_on: str, timeout: float) -> RepoOutcome:
    """The task an executor runs for one repository; never raises for a repository's fault."""
    started = time.perf_counter()
    worker_ruleset()  # loaded in the worker before forking: children inherit it
    if not hasattr(os, "fork"):  # Windows: no cheap isolation; the limit is not enforced there
        return _attempt(spec, cache_dir, fail_on, started)
    reader, writer = Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            os.setpgid(0, 0)
            reader.close()
            writer.send(_attempt(spec, cache_dir, fail_on, started))
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)  # skip the worker's atexit handlers and buffered output
    writer.close()
    try:
        if reader.poll(timeout):
            try:
                return reader.recv()
            except EOFError:
                pass  # died before sending: reported from its exit status below
        else:
            return RepoOutcome.failed(spec.name, TIMEOUT, f"timed out after {timeout:g} s", timeout)
    finally:
        reader.close()
        _kill_group(pid)
        _, status = os.waitpid(pid, 0)
    how = f"signal {-os.waitstatus_to_exitcode(status)}" if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}"
    return RepoOutcome.failed(spec.name, ERROR, f"scan process died ({how})", time.perf_counter() - started)


def _kill_group(pid: int) -> None:
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
            return
        except (ProcessLookupError, PermissionError):
            continue

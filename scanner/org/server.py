"""The scan process behind each org worker: `python -m scanner.org.server`.

Started fresh (never forked from a worker: Dask workers run threads, and the Go runtimes of
tfparse and pygohcl do not survive a fork), it loads the rules once and then scans one
repository per request: a pickled (RepoSpec, cache dir, fail_on, config path) on stdin, a pickled
RepoOutcome on stdout. It exits at end of input, i.e. when its worker goes away, and kills itself
(with what it started) when its worker dies mid-scan.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

import git

from scanner.config import Config
from scanner.documents import internal_error
from scanner.errors import FatalError
from scanner.org.outcome import ERROR, READY, RepoOutcome
from scanner.org.repo_scan import ScanSetup, scan_repository
from scanner.org.sources import RepoSpec, redact
from scanner.rulesets import RuleSet, load_ruleset
from scanner.scan import scan
from scanner.secrets.redact import redact_text

_WARM_UP = {"main.tf": 'resource "aws_s3_bucket" "a" {}\n', "pod.yaml": "apiVersion: v1\nkind: Pod\n"}


def warm_ruleset() -> RuleSet:
    ruleset = load_ruleset()
    # The first scan in a process pays one-off costs (tfparse's runtime start, lazy imports,
    # ~70 ms); paying them at start-up keeps them out of the first repository's time.
    with tempfile.TemporaryDirectory(prefix="mlcomply-warm-") as tmp:
        for name, text in _WARM_UP.items():
            Path(tmp, name).write_text(text, encoding="utf-8")
        scan([Path(tmp)], ruleset)
    return ruleset


def describe(exc: BaseException) -> str:
    if isinstance(exc, git.GitCommandError):
        # git's own complaint ("fatal: ..."), not GitPython's dump of the command line.
        stderr = str(exc.stderr or "").strip().strip("'").strip()
        fatal = [line for line in stderr.splitlines() if line.startswith(("fatal:", "error:"))]
        verb = exc.command[1] if isinstance(exc.command, list | tuple) and len(exc.command) > 1 else "command"
        text = f"git {verb} failed (exit {exc.status}): " + ("; ".join(fatal) or stderr or "no message")
    elif isinstance(exc, OSError | FatalError):
        text = str(exc)
    else:
        # A crash: its text may quote what it choked on (a token in a file), and the history and
        # the org reports keep it; the type says which bug, the repository reproduces it.
        return internal_error(".", exc).message
    return redact_text(redact(text))[:2000]


def attempt(spec: RepoSpec, cache_dir: Path, fail_on: str, setup: ScanSetup) -> RepoOutcome:
    started = time.perf_counter()
    try:
        return scan_repository(spec, cache_dir, setup, fail_on)
    except Exception as exc:  # one repository's fault: recorded, and the next one goes on
        return RepoOutcome.failed(spec.name, ERROR, describe(exc), time.perf_counter() - started)


# How often the server checks that its worker is still there.
ORPHAN_CHECK_SECONDS = 0.2


def _die_with(parent: int) -> None:
    """Kill this server's process group (itself and a clone it runs) once its worker is gone.

    A worker killed outright (SIGKILL, the OOM killer) cannot stop its server, which runs in a
    session of its own and would otherwise finish its repository (or hang on a clone) unseen,
    beside the new worker that scans the same repository again."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    if os.getpgrp() == os.getpid():  # its own group, as ScanServer starts it: nothing else is in it
        os.killpg(os.getpgrp(), signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> int:
    threading.Thread(target=_die_with, args=(os.getppid(),), name="orphan-watch", daemon=True).start()
    # Replies go to a private copy of stdout; anything printed by the code it runs goes to stderr.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the driver handles Ctrl-C and stops us
    requests = sys.stdin.buffer
    setups: dict[Path | None, ScanSetup] = {None: ScanSetup(warm_ruleset(), Config())}
    pickle.dump(READY, replies)
    replies.flush()
    while True:
        try:
            spec, cache_dir, fail_on, config = pickle.load(requests)
        except EOFError:
            return 0
        try:
            if config not in setups:  # the rules of a config are loaded once per process, too
                setups[config] = ScanSetup.from_config(config)
        except FatalError as exc:
            outcome = RepoOutcome.failed(spec.name, ERROR, describe(exc), 0.0)
        else:
            outcome = attempt(spec, cache_dir, fail_on, setups[config])
        pickle.dump(outcome, replies)
        replies.flush()


if __name__ == "__main__":
    raise SystemExit(main())

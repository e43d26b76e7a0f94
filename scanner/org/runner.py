"""An org run: every repository scanned in a process pool or on a Dask cluster, each outcome
recorded in the history as soon as it arrives (so an interrupted run can be resumed)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from scanner.documents import internal_error
from scanner.errors import FatalError
from scanner.org.history import History
from scanner.org.isolate import scan_isolated, stop_server
from scanner.org.outcome import OK, RepoOutcome
from scanner.org.sources import RepoSpec, redact
from scanner.rulesets import load_ruleset
from scanner.writers.escape import console_text

GRACE = 10.0  # seconds an interrupted worker has to stop its scan server before SIGKILL


@dataclass(frozen=True)
class Settings:
    repos: str
    workers: int
    scheduler: str | None
    cache_dir: Path
    timeout: float
    fail_on: str
    config: Path | None = None  # the user's scan config (rules, options, suppression settings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "repos": self.repos,
            "workers": self.workers,
            "scheduler": redact(self.scheduler) if self.scheduler else None,
            "cache_dir": str(self.cache_dir),
            "timeout": self.timeout,
            "fail_on": self.fail_on,
            "config": None if self.config is None else str(self.config),
        }


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    resumed: bool
    skipped: int  # finished in an earlier attempt of the same run
    outcomes: tuple[RepoOutcome, ...]


@contextmanager
def executor(workers: int, scheduler: str | None) -> Iterator[Executor]:
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise FatalError("--scheduler needs Dask: pip install 'mlcomply[org]'") from None
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, ValueError) as exc:  # unreachable, timed out, or not an address
            raise FatalError(f"connect to Dask scheduler {redact(scheduler)}: {exc}") from None
        try:
            # pure=False: a repository scanned twice (e.g. on resume) must really be rescanned.
            yield client.get_executor(pure=False)
        finally:
            client.close()
        return
    # spawn: workers start clean, whatever threads the caller runs (progress bar, test harness).
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_signals
    )
    try:
        yield pool
    except BaseException:
        _terminate(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_signals() -> None:
    # Ctrl-C reaches the whole terminal process group: only the driver handles it, and stops
    # workers with SIGTERM, which unwinds the worker so that it kills its scan child first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_term)


def _exit_on_term(signum: int, frame: object) -> None:
    # Kill this worker's scan server (and the clone it runs) and leave at once. A SystemExit
    # raised here could be caught by the pool's worker loop (it catches BaseException from a
    # task) and the worker would live on; os._exit cannot be caught.
    stop_server()
    os._exit(128 + signum)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop running scans now instead of waiting up to --timeout for each of them: SIGTERM (the
    worker kills its scan server first), then SIGKILL for a worker still there after GRACE."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + GRACE
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1.0)


class Progress:
    """A bar on a terminal; one line per repository otherwise (logs of scheduled jobs)."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.stream, self.total, self.done, self.failed = stream, total, 0, 0
        self.bar = None
        if stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=stream, unit="repo", desc="mlcomply org")

    def update(self, outcome: RepoOutcome) -> None:
        self.done += 1
        self.failed += outcome.status != OK
        if self.bar is not None:
            self.bar.set_postfix(failed=self.failed, refresh=False)
            self.bar.update(1)
            return
        detail = outcome.status if outcome.status == OK else f"{outcome.status}: {outcome.error}"
        line = console_text(f"{outcome.name}: {detail}")  # names and errors quote repositories
        print(f"mlcomply org: [{self.done}/{self.total}] {line}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run(
    specs: Sequence[RepoSpec], history: History, settings: Settings, resume: bool, progress: bool = True
) -> RunSummary:
    # Loaded here too so that a broken rule fails before any worker starts.
    rules = [meta.to_dict() for meta in load_ruleset().metas]
    outcomes: list[RepoOutcome] = []
    with executor(settings.workers, settings.scheduler) as ex:  # connected before a run is recorded
        run_id, done = history.resume_run() if resume else (None, set())
        resumed = run_id is not None
        if run_id is None:
            run_id = history.start_run(settings.to_dict(), rules)
        pending = [s for s in specs if s.name not in done]
        bar = Progress(len(pending)) if progress else None
        futures: dict[Future[RepoOutcome], RepoSpec] = {
            ex.submit(
                scan_isolated, spec, settings.cache_dir, settings.fail_on, settings.timeout, settings.config
            ): spec
            for spec in pending
        }
        try:
            for future in as_completed(futures):
                outcome = _outcome(future, futures[future])
                history.record(run_id, outcome)  # committed now: a resume skips this repository
                outcomes.append(outcome)
                if bar is not None:
                    bar.update(outcome)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
        finally:
            if bar is not None:
                bar.close()
    history.finish_run(run_id)
    return RunSummary(run_id, resumed, len(specs) - len(pending), tuple(outcomes))


def _outcome(future: Future[RepoOutcome], spec: RepoSpec) -> RepoOutcome:
    try:
        return future.result()
    except BrokenProcessPool:
        raise FatalError("a worker process died; the run is unfinished: continue it with --resume") from None
    except FatalError:
        raise
    except Exception as exc:  # the task itself failed on the cluster (e.g. a Dask worker was lost)
        return RepoOutcome.failed(spec.name, "error", internal_error(".", exc).message, 0.0)

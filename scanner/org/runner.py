"""An org run: every repository scanned in worker processes (scanner.parallel's pool) or on a
Dask cluster, each outcome recorded in the history as soon as it arrives (so an interrupted run
can be resumed)."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import Executor, Future, as_completed
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TextIO

from scanner.documents import internal_error
from scanner.errors import FatalError
from scanner.org.history import History
from scanner.org.isolate import scan_isolated, stop_server
from scanner.org.outcome import ERROR, OK, RepoOutcome
from scanner.org.sources import RepoSpec, redact
from scanner.parallel import Crashed, Pool
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


class _Scans(Protocol):
    """Where the repositories are scanned: `stream` gives each one's outcome as it arrives (a
    generator: closing it stops the scans still running)."""

    def stream(
        self, specs: Sequence[RepoSpec], settings: Settings
    ) -> Generator[tuple[RepoSpec, RepoOutcome], None, None]: ...

    def deaths(self) -> list[str]:
        """What happened to workers that died since the last call (one line each)."""
        ...


class _LocalScans:
    """Worker processes on this machine (scanner.parallel's pool: a pipe per worker, no lock
    shared between them, so a worker killed at any moment costs its repository at most, never the
    run). A repository whose worker died is scanned again in a new worker; a second death on it
    is recorded as its error."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: Pool[RepoSpec, RepoOutcome] | None = None
        self.specs: list[RepoSpec] = []
        self.reported = 0

    def stream(
        self, specs: Sequence[RepoSpec], settings: Settings
    ) -> Generator[tuple[RepoSpec, RepoOutcome], None, None]:
        self.specs = list(specs)
        task = partial(
            scan_batch,
            cache_dir=settings.cache_dir,
            fail_on=settings.fail_on,
            timeout=settings.timeout,
            config=settings.config,
        )
        # One repository per task: each is recorded as soon as it is done, and a death reruns one.
        self.pool = Pool(task, self.specs, self.workers, None, start=_worker_start, batch=1)
        try:
            for i, result in self.pool.completed():
                spec = self.specs[i]
                if isinstance(result, Crashed):
                    message = f"scan in a worker process: {result.message}"
                    yield spec, RepoOutcome.failed(spec.name, ERROR, message, 0.0)
                else:
                    yield spec, result
        except BaseException:  # Ctrl-C (or a failure recording a result): stop the scans now
            self.pool.terminate(GRACE)
            raise

    def deaths(self) -> list[str]:
        if self.pool is None:
            return []
        new = self.pool.deaths[self.reported :]
        self.reported += len(new)
        return [
            f"a worker process died ({death.how}) while scanning {self.specs[i].name}; scanned again in a new worker"
            for death in new
            for i in death.items
        ]


class _DaskScans:
    def __init__(self, executor: Executor) -> None:
        self.executor = executor

    def stream(
        self, specs: Sequence[RepoSpec], settings: Settings
    ) -> Generator[tuple[RepoSpec, RepoOutcome], None, None]:
        futures: dict[Future[RepoOutcome], RepoSpec] = {
            self.executor.submit(
                scan_isolated, spec, settings.cache_dir, settings.fail_on, settings.timeout, settings.config
            ): spec
            for spec in specs
        }
        try:
            for future in as_completed(futures):
                yield futures[future], _outcome(future, futures[future])
        except BaseException:
            for future in futures:
                future.cancel()
            raise

    def deaths(self) -> list[str]:
        return []  # Dask reruns a task whose worker was lost by itself


@contextmanager
def scans(workers: int, scheduler: str | None) -> Iterator[_Scans]:
    """The repositories' scanners: a Dask cluster (connected now, so that an unreachable one
    fails before a run is recorded) or worker processes here."""
    if not scheduler:
        yield _LocalScans(workers)
        return
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
        yield _DaskScans(client.get_executor(pure=False))
    finally:
        client.close()


def scan_batch(
    specs: list[RepoSpec], cache_dir: Path, fail_on: str, timeout: float, config: Path | None
) -> list[RepoOutcome]:
    """A pool task (module-level: a spawned worker finds it by name)."""
    return [scan_isolated(spec, cache_dir, fail_on, timeout, config) for spec in specs]


def _worker_start(_: object) -> None:
    # Ctrl-C reaches the whole terminal process group: only the driver handles it, and stops
    # workers with SIGTERM, which makes the worker kill its scan server first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_term)


def _exit_on_term(signum: int, frame: object) -> None:
    # Kill this worker's scan server (and the clone it runs) and leave at once; os._exit cannot
    # be caught by whatever the worker was running.
    stop_server()
    os._exit(128 + signum)


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
    with scans(settings.workers, settings.scheduler) as where:  # connected before a run is recorded
        run_id, done = history.resume_run() if resume else (None, set())
        resumed = run_id is not None
        if run_id is None:
            run_id = history.start_run(settings.to_dict(), rules)
        pending = [s for s in specs if s.name not in done]
        bar = Progress(len(pending)) if progress else None
        try:
            # closing: an exception here (Ctrl-C while recording) stops the scans still running.
            with closing(where.stream(pending, settings)) as arriving:
                for _, outcome in arriving:
                    history.record(run_id, outcome)  # committed now: a resume skips this repository
                    outcomes.append(outcome)
                    for line in where.deaths():
                        _note(bar, line)
                    if bar is not None:
                        bar.update(outcome)
        finally:
            if bar is not None:
                bar.close()
    history.finish_run(run_id)
    return RunSummary(run_id, resumed, len(specs) - len(pending), tuple(outcomes))


def _note(bar: Progress | None, line: str) -> None:
    text = f"mlcomply org: {console_text(line)}"  # names quote repositories
    if bar is not None and bar.bar is not None:
        bar.bar.write(text, file=bar.stream)
    else:
        print(text, file=sys.stderr if bar is None else bar.stream, flush=True)


def _outcome(future: Future[RepoOutcome], spec: RepoSpec) -> RepoOutcome:
    try:
        return future.result()
    except FatalError:
        raise
    except Exception as exc:  # the task itself failed on the cluster (e.g. a Dask worker was lost)
        return RepoOutcome.failed(spec.name, "error", internal_error(".", exc).message, 0.0)

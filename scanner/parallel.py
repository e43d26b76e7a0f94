"""Work spread over worker processes, each unit isolated: a worker that dies costs its unit only.

The pool is `concurrent.futures.ProcessPoolExecutor` with the spawn start method (no fork of a
process that holds threads, Go runtimes or open files). A worker is set up once by `_start`: the
scan's budgets and provenance vocabulary (per-scan ContextVars, which a new process would not
see otherwise) and, when the Rego rules can be rebuilt from their folders, the rule set, compiled
once per worker. A worker killed or out of memory breaks the whole pool and fails every unit in
flight; those units are then run again one at a time in a fresh single worker, so that a unit
which kills its worker again is named alone (its files get an `internal` error) and every other
unit still gets its result.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from scanner.loaders.budgets import Budgets
from scanner.loaders.budgets import applied as budgets_applied
from scanner.provenance.vocabulary import Vocabulary
from scanner.provenance.vocabulary import applied as vocabulary_applied

T = TypeVar("T")
R = TypeVar("R")

# How often the pool's progress is checked, and how long a dead worker may leave it stalled.
WATCH_SECONDS = 1.0
BROKEN_AFTER_SECONDS = 5.0


def usable_cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_spawn() -> bool:
    """Whether a spawned worker can start: it re-imports the parent's main module by its path
    (`python - < script` names one that is no file), and dies at once when that fails."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        return True
    path = getattr(main, "__file__", None)
    return path is None or os.path.isfile(path)


@dataclass(frozen=True)
class Setup:
    """What every worker needs from the scan; sent once per worker, at its start."""

    budgets: Budgets
    vocabulary: Vocabulary
    # (Rego folders, ids of the Rego rules the scan keeps, the known input kinds); None: no rules.
    rules: tuple[tuple[Any, ...], tuple[Any, ...], tuple[str, ...]] | None = None


@dataclass(frozen=True)
class Crashed:
    """The unit's worker died (killed, out of memory, a crash in native code) twice over."""

    message: str


# The worker's own state, built once by _start; module-level because a pool's initializer
# cannot hand anything to its tasks otherwise.
_WORKER: dict[str, Any] = {}
_CONTEXT = ExitStack()


def _start(setup: Setup) -> None:
    _CONTEXT.enter_context(budgets_applied(setup.budgets))
    _CONTEXT.enter_context(vocabulary_applied(setup.vocabulary))
    _WORKER["rego"] = None
    if setup.rules is not None:
        from scanner.engines.rego import RegoEngine

        rego_dirs, kept, kinds = setup.rules
        engine = RegoEngine(rego_dirs, kinds)  # Rego only: Python rules run in the parent
        wanted = set(kept)
        engine.rules = [r for r in engine.rules if r.meta.id in wanted]
        _WORKER["rego"] = engine


def worker_rego() -> Any:
    """The Rego engine this worker compiled at its start (None when the scan sent no rules)."""
    return _WORKER.get("rego")


class Pool(Generic[T, R]):
    """`fn` over batches of items in worker processes (a batch per task amortises the trip);
    `results()` gives one result per item, in the items' order."""

    def __init__(self, fn: Callable[[list[T]], list[R]], items: Sequence[T], jobs: int, setup: Setup) -> None:
        self._fn = fn
        self._items = list(items)
        self._setup = setup
        self._results: list[R | Crashed | None] = [None] * len(self._items)
        workers = max(1, min(jobs, len(self._items)))
        # Four batches per worker: large enough to amortise, small enough to balance the load.
        size = max(1, -(-len(self._items) // (workers * 4)))
        self._batches = [list(range(i, min(i + size, len(self._items)))) for i in range(0, len(self._items), size)]
        self._pool = self._new(workers)
        # Submitted now, so the workers start and run while the caller does other work.
        self._futures: dict[Future[list[R]], list[int]] = {
            self._pool.submit(fn, [self._items[i] for i in batch]): batch for batch in self._batches
        }

    def _new(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start, initargs=(self._setup,)
        )

    def results(self) -> list[R | Crashed]:
        lost: list[int] = []
        pending = set(self._futures)
        dead_since: float | None = None
        while pending:
            done, pending = wait(pending, timeout=WATCH_SECONDS, return_when=FIRST_COMPLETED)
            if not done:
                # A worker that died holding the call queue's lock can leave the executor waiting
                # on the others for ever: if one is dead and nothing completes for a while, the
                # pool is broken, whatever the executor says.
                if any(p.exitcode is not None for p in _processes(self._pool)):
                    dead_since = dead_since or time.monotonic()
                    if time.monotonic() - dead_since > BROKEN_AFTER_SECONDS:
                        for fut in pending:
                            lost.extend(self._futures[fut])
                        pending = set()
                continue
            for fut in done:
                batch = self._futures[fut]
                try:
                    answers = fut.result()
                except BrokenProcessPool:
                    lost.extend(batch)
                    continue
                except Exception as exc:  # the batch's answer could not be sent back
                    answers = [Crashed(f"worker failed: {type(exc).__name__}")] * len(batch)  # type: ignore[list-item]
                for i, answer in zip(batch, answers, strict=True):
                    self._results[i] = answer
        if lost:
            _kill_workers(self._pool)
        # After a crash, never wait on the broken pool: its manager thread may be the one stuck.
        self._pool.shutdown(wait=not lost, cancel_futures=True)
        self._retry(sorted(lost))
        return [r if r is not None else Crashed("worker lost") for r in self._results]

    def _retry(self, lost: list[int]) -> None:
        """After a crash, the items it took down again, one at a time: an item that kills its
        worker once more is the one to blame."""
        pool: ProcessPoolExecutor | None = None
        try:
            for i in lost:
                pool = pool or self._new(1)
                try:
                    self._results[i] = pool.submit(self._fn, [self._items[i]]).result()[0]
                except BrokenProcessPool:
                    self._results[i] = Crashed("the worker process died (killed or out of memory)")
                    _kill_workers(pool)
                    pool.shutdown(wait=True)
                    pool = None
                except Exception as exc:
                    self._results[i] = Crashed(f"worker failed: {type(exc).__name__}")
        finally:
            if pool is not None:
                pool.shutdown(wait=True)


def _processes(pool: ProcessPoolExecutor) -> list[Any]:
    return list((getattr(pool, "_processes", None) or {}).values())


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """After a worker died, end the others at once: one that died holding a queue's lock or
    halfway through a message leaves the rest blocked, and a blocked worker would keep the
    pool's shutdown (and this process's exit) waiting for ever."""
    for proc in _processes(pool):
        with contextlib.suppress(OSError, ValueError):
            proc.kill()

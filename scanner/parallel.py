"""Work spread over worker processes, each unit isolated: a worker that dies costs nothing.

Why not `concurrent.futures.ProcessPoolExecutor` (used before, issue 16): its workers share one
call queue and one result queue, each guarded by a lock (a named semaphore). A worker killed while
holding the call queue's read lock, or halfway through writing an answer to the shared result
pipe, leaves the others (or the executor's manager thread, blocked reading a message that never
ends) waiting for ever; the interpreter joins that thread at exit, so the scan hung even after
its results were in. A pool replaced after a crash could also be garbage-collected while a new
worker was still starting, which unlinked the semaphores the worker was about to open
(`FileNotFoundError` in `SemLock._rebuild`) and broke the retry too. Measured with a worker
killed at a random moment of a 36-root scan: about one run in six hung or ended without outputs.

So each worker here has its own pipe, nothing is shared between workers, and no lock exists: one
dispatcher thread in this process sends a worker its next batch when it is idle and waits
(`multiprocessing.connection.wait`) on every busy worker's pipe and every worker's sentinel. A
worker that dies closes its end of its own pipe, so a half-written answer ends in EOFError, never
a blocked read; its batch is run again, one item per task, in a new worker (an item that kills
its worker a second time is the one to blame: it gets `Crashed`, every other item its result),
and `deaths` says what was rerun, for the scan's `note`.

Both the scan (`--jobs`) and `mlcomply org scan` use it: the org runner takes results as they
arrive (`completed()`), starts its workers with its own set-up (`start`: signals, no rules), and
stops them on Ctrl-C (`terminate()`).

Workers use the spawn start method (no fork of a process that holds threads, Go runtimes or open
files). A worker is set up once by `_start`: the scan's budgets and provenance vocabulary
(per-scan ContextVars, which a new process would not see otherwise) and, when the Rego rules can
be rebuilt from their folders, the rule set, compiled once per worker.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from scanner.loaders.budgets import Budgets
from scanner.loaders.budgets import applied as budgets_applied
from scanner.provenance.vocabulary import Vocabulary
from scanner.provenance.vocabulary import applied as vocabulary_applied

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

T = TypeVar("T")
R = TypeVar("R")

# How long a finished pool waits for a worker to leave on its own before killing it.
LEAVE_SECONDS = 5.0


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
    """The unit's worker died (killed, out of memory, a crash in native code) twice over, or the
    unit's answer could not be made or sent back."""

    message: str


@dataclass(frozen=True)
class Death:
    """A worker died holding a batch: `items` (indices into the pool's items) were run again."""

    items: tuple[int, ...]
    how: str  # "killed by signal 9", "exit status 1"


# The worker's own state, built once by _start; module-level because the tasks it runs are plain
# functions, which cannot be handed anything else.
_WORKER: dict[str, Any] = {}
_CONTEXT = ExitStack()


def _start(setup: Setup) -> None:
    _CONTEXT.enter_context(budgets_applied(setup.budgets))
    _CONTEXT.enter_context(vocabulary_applied(setup.vocabulary))
    _WORKER["rego"] = None
    if setup.rules is not None:
        from scanner.engines import ruleindex
        from scanner.engines.rego import RegoEngine

        rego_dirs, kept, kinds = setup.rules
        # Rego only: Python rules run in the parent. Rule packages compile as units need them.
        engine = RegoEngine(rego_dirs, kinds, index=ruleindex.load(kinds))
        wanted = set(kept)
        engine.rules = [r for r in engine.rules if r.meta.id in wanted]
        _WORKER["rego"] = engine


def worker_rego() -> Any:
    """The Rego engine this worker compiled at its start (None when the scan sent no rules)."""
    return _WORKER.get("rego")


# What a worker answers: ("ok", results), ("failed", exception type) for a batch, or
# ("setup", exception type) when it could not start (then it leaves).
_OK, _FAILED, _SETUP = "ok", "failed", "setup"


def _serve(conn: Connection, start: Callable[[Any], None], setup: Any, fn: Callable[[list[Any]], list[Any]]) -> None:
    """A worker's life: set up once, then one batch per message until told to stop (None) or the
    parent is gone (EOF)."""
    try:
        start(setup)
    except Exception as exc:
        with contextlib.suppress(OSError):
            conn.send((_SETUP, type(exc).__name__))
        return
    while True:
        try:
            items = conn.recv()
        except (EOFError, OSError):
            return
        if items is None:
            return
        try:
            answer: tuple[str, Any] = (_OK, fn(items))
        except Exception as exc:  # the batch's failure, not the worker's: it serves the next
            answer = (_FAILED, type(exc).__name__)
        try:
            conn.send(answer)  # pickled whole before a byte is written: a failure sends nothing
        except (EOFError, OSError):
            return
        except Exception as exc:  # an answer that cannot be pickled
            conn.send((_FAILED, type(exc).__name__))


@dataclass
class _Worker:
    process: Any  # multiprocessing.context.SpawnProcess
    conn: Connection
    batch: tuple[int, ...] | None = None
    retry: bool = False  # the batch is one item that already took a worker down
    answered: int = field(default=0)


class Pool(Generic[T, R]):
    """`fn` over batches of items in worker processes (a batch per task amortises the trip);
    `results()` gives one result per item, in the items' order. The work starts at once, in the
    background, so the caller can do other work meanwhile.

    With `local` (`fn` as this process runs it), the caller is one of the `jobs` processes: once
    it calls `results()` it runs batches itself instead of idling until the workers are done, and
    one worker fewer starts (on 2 cores, `--jobs 2` is this process and one worker, not two
    workers and an idle parent). It takes only first tries: a batch that took a worker down runs
    in a worker again, so that a second death costs a worker, not the scan.

    `start(setup)` runs once in each worker before its first batch (by default the scan's: budgets,
    vocabulary, Rego rules); `batch` fixes the items per task (default: four batches per process)."""

    def __init__(
        self,
        fn: Callable[[list[T]], list[R]],
        items: Sequence[T],
        jobs: int,
        setup: Any,
        local: Callable[[list[T]], list[R]] | None = None,
        start: Callable[[Any], None] = _start,
        batch: int | None = None,
    ) -> None:
        self._fn = fn
        self._local = local
        self._items = list(items)
        self._setup = setup
        self._start = start
        self._results: list[R | Crashed | None] = [None] * len(self._items)
        self._done: queue.SimpleQueue[int | None] = queue.SimpleQueue()  # indices as results land
        self._workers = max(1, min(jobs - (local is not None), len(self._items)))
        # Four batches per process: large enough to amortise, small enough to balance the load.
        size = batch or max(1, -(-len(self._items) // (max(1, jobs) * 4)))
        self._queue: deque[tuple[tuple[int, ...], bool]] = deque(
            (tuple(range(i, min(i + size, len(self._items)))), False) for i in range(0, len(self._items), size)
        )
        self.deaths: list[Death] = []
        self.ran_here = 0  # batches this process ran (`local`)
        self._lock = threading.Lock()  # the queue: the dispatcher and results() both take from it
        self._failure: BaseException | None = None
        self._closing = False  # terminate() was called: nothing new starts, nothing is rerun
        self._live: list[_Worker] = []
        import multiprocessing  # here: a scan that starts no pool does without it (about 10 ms)

        self._context = multiprocessing.get_context("spawn")
        self._thread = threading.Thread(target=self._dispatch, name="mlcomply-pool", daemon=True)
        self._thread.start()

    def results(self) -> list[R | Crashed]:
        while self._local is not None and (batch := self._take_first_try()) is not None:
            try:
                answers: list[R | Crashed] = list(self._local([self._items[i] for i in batch]))
            except Exception as exc:  # as a worker would answer a batch that raised
                answers = [Crashed(f"worker failed: {type(exc).__name__}")] * len(batch)
            self.ran_here += 1
            for i, answer in zip(batch, answers, strict=True):
                self._set(i, answer)
        self._thread.join()
        lost = self._lost()
        return [r if r is not None else lost for r in self._results]

    def completed(self) -> Iterator[tuple[int, R | Crashed]]:
        """(index, result) for every item, as each arrives (not in the items' order); the caller
        can record each one at once. Without `local`: this process only waits."""
        left = sum(r is None for r in self._results)
        while left:
            i = self._done.get()
            if i is None:  # the dispatcher ended: what never came is lost
                break
            left -= 1
            result = self._results[i]
            assert result is not None
            yield i, result
        self._thread.join()
        lost = self._lost()
        for i, result in enumerate(self._results):
            if result is None:
                self._results[i] = lost
                yield i, lost

    def terminate(self, grace: float) -> None:
        """Stop now (Ctrl-C): nothing more is sent or rerun, every worker gets SIGTERM (time to
        clean up after itself) and SIGKILL when still there after `grace` seconds."""
        with self._lock:
            self._closing = True
            self._queue.clear()
        workers = list(self._live)
        for w in workers:
            with contextlib.suppress(OSError, ValueError):
                w.process.terminate()
        deadline = time.monotonic() + grace
        for w in workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.exitcode is None:
                with contextlib.suppress(OSError, ValueError):
                    w.process.kill()
        self._thread.join()

    def _set(self, i: int, result: R | Crashed) -> None:
        self._results[i] = result
        self._done.put(i)

    def _lost(self) -> Crashed:
        if self._closing:
            return Crashed("stopped before it ran")
        return Crashed(
            "worker lost" if self._failure is None else f"worker pool failed: {type(self._failure).__name__}"
        )

    def _take_first_try(self) -> tuple[int, ...] | None:
        with self._lock:
            for k, (batch, retry) in enumerate(self._queue):
                if not retry:
                    del self._queue[k]
                    return batch
            return None

    def _dispatch(self) -> None:
        """The dispatcher thread: its every wait ends when a worker answers or dies."""
        from multiprocessing.connection import wait  # multiprocessing is loaded: the pool started

        live = self._live
        try:
            while self._queue or any(w.batch is not None for w in live):
                for w in [w for w in live if w.batch is None and w.process.exitcode is not None]:
                    live.remove(w)  # died idle, after its last answer: it held nothing
                    _end(w)
                while len(live) < self._workers and len(live) < len(self._queue) + sum(
                    w.batch is not None for w in live
                ):
                    live.append(self._spawn())
                for w in live:
                    if w.batch is None and self._queue:
                        self._send(w)
                busy = [w for w in live if w.batch is not None]
                if not busy:
                    continue
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
                for w in busy:
                    if w.conn in ready or w.process.sentinel in ready:
                        self._receive(w, live)
        except BaseException as exc:  # a bug here must not hang the scan: results() names it
            self._failure = exc
        finally:
            self._stop(live)
            self._done.put(None)

    def _spawn(self) -> _Worker:
        mine, theirs = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_serve, args=(theirs, self._start, self._setup, self._fn), daemon=True)
        process.start()
        theirs.close()  # the worker's end lives in the worker only: its death is our EOF
        return _Worker(process, mine)

    def _send(self, w: _Worker) -> None:
        with self._lock:
            if not self._queue:
                return  # this process took the last one
            w.batch, w.retry = self._queue.popleft()
        with contextlib.suppress(OSError):  # the worker is gone: its sentinel says so on the next wait
            w.conn.send([self._items[i] for i in w.batch])

    def _receive(self, w: _Worker, live: list[_Worker]) -> None:
        assert w.batch is not None
        try:
            status, answer = w.conn.recv()
        except (EOFError, OSError):
            self._died(w, live)
            return
        if status == _SETUP:
            # Every worker would fail alike: what is left is not run, and says why.
            with self._lock:
                left = [w.batch, *(b for b, _ in self._queue)]
                self._queue.clear()
            for batch in left:
                for i in batch:
                    self._set(i, Crashed(f"worker could not start: {answer}"))
            w.batch = None
            live.remove(w)
            _end(w)
            return
        batch, w.batch = w.batch, None
        w.answered += 1
        if status == _OK and len(answer) == len(batch):
            for i, result in zip(batch, answer, strict=True):
                self._set(i, result)
        else:
            for i in batch:
                self._set(i, Crashed(f"worker failed: {answer if status == _FAILED else 'a short answer'}"))

    def _died(self, w: _Worker, live: list[_Worker]) -> None:
        """A worker died holding a batch: run its items again, one per task (a new worker starts
        for them on the next round); an item that was already a retry is the one to blame."""
        assert w.batch is not None
        live.remove(w)
        _end(w)
        how = _how(w.process.exitcode)
        if self._closing:
            for i in w.batch:
                self._set(i, Crashed(f"stopped while it ran ({how})"))
            return
        if w.retry:
            self._set(w.batch[0], Crashed(f"the worker process died twice on it ({how}; killed or out of memory)"))
            return
        self.deaths.append(Death(w.batch, how))
        with self._lock:
            self._queue.extend(((i,), True) for i in w.batch)

    def _stop(self, live: list[_Worker]) -> None:
        for w in live:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        for w in live:
            w.process.join(LEAVE_SECONDS)
            _end(w)


def _end(w: _Worker) -> None:
    """Make sure the worker is gone and reaped, and its pipe closed."""
    if w.process.exitcode is None:
        with contextlib.suppress(OSError, ValueError):
            w.process.kill()
        w.process.join()
    w.conn.close()


def _how(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"

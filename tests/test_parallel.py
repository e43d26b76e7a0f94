"""The worker pool: results in the items' order, and a worker that dies costs its item only."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from scanner.cores import usable_cores
from scanner.loaders.budgets import Budgets, current
from scanner.parallel import Crashed, Pool, Setup
from scanner.provenance.vocabulary import Vocabulary

SETUP = Setup(Budgets(max_nesting_depth=42), Vocabulary())


def square_or_die(items: list[tuple[int, str]]) -> list[int]:
    """Squares; an item named "die" kills its worker; "once:<file>" kills it only the first time."""
    out = []
    for n, how in items:
        if how == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        if how.startswith("once:"):
            marker = Path(how[5:])
            if not marker.exists():
                marker.write_text("killed once")
                os.kill(os.getpid(), signal.SIGKILL)
        out.append(n * n)
    return out


def budget_seen(items: list[int]) -> list[int]:
    return [current().max_nesting_depth for _ in items]


def test_results_in_order_with_the_scan_budgets() -> None:
    assert Pool(square_or_die, [(n, "") for n in range(10)], 2, SETUP).results() == [n * n for n in range(10)]
    assert Pool(budget_seen, list(range(3)), 2, SETUP).results() == [42, 42, 42]


def test_a_worker_killed_on_one_item_costs_that_item_only() -> None:
    items = [(n, "die" if n == 5 else "") for n in range(12)]
    results = Pool(square_or_die, items, 2, SETUP).results()
    assert isinstance(results[5], Crashed)
    assert "died" in results[5].message
    assert [r for i, r in enumerate(results) if i != 5] == [n * n for n in range(12) if n != 5]


def test_a_worker_killed_once_loses_nothing(tmp_path: Path) -> None:
    items = [(n, f"once:{tmp_path / 'marker'}" if n == 3 else "") for n in range(8)]
    assert Pool(square_or_die, items, 2, SETUP).results() == [n * n for n in range(8)]
    assert (tmp_path / "marker").exists()


def test_usable_cores() -> None:
    assert 1 <= usable_cores() <= (os.cpu_count() or 1)


def big_answer_then_die(items: list[tuple[int, str]]) -> list[bytes]:
    """A 64 MB answer per item; the first time (no marker yet), the worker is killed by a thread
    while that answer is on its way (most runs: the parent then holds half a message; else the
    kill lands just before or after it, and the result must be the same)."""
    marker = Path(items[0][1])
    if not marker.exists():
        marker.write_text("killed once")
        threading.Timer(0.02, os.kill, (os.getpid(), signal.SIGKILL)).start()
    return [bytes([n]) * (64 * 1024 * 1024) for n, _ in items]


def test_a_worker_killed_halfway_through_its_answer_loses_nothing(tmp_path: Path) -> None:
    pool = Pool(big_answer_then_die, [(7, str(tmp_path / "marker"))], 1, SETUP)
    results = pool.results()
    assert (tmp_path / "marker").exists()
    assert len(results) == 1 and results[0] == bytes([7]) * (64 * 1024 * 1024)


def test_deaths_name_what_was_run_again(tmp_path: Path) -> None:
    items = [(n, f"once:{tmp_path / 'marker'}" if n == 3 else "") for n in range(8)]
    pool = Pool(square_or_die, items, 2, SETUP)
    assert pool.results() == [n * n for n in range(8)]
    [death] = pool.deaths
    assert 3 in death.items and death.how == "killed by SIGKILL"


def unpicklable(items: list[int]) -> list[object]:
    return [lambda n=n: n for n in items]  # a function made here cannot be pickled


def test_an_answer_that_cannot_be_sent_costs_its_batch_only() -> None:
    pool = Pool(unpicklable, [1, 2], 1, SETUP)
    results = pool.results()
    assert all(isinstance(r, Crashed) and "worker failed" in r.message for r in results)
    assert pool.deaths == []


def test_a_worker_that_cannot_start_fails_every_item_and_says_why(tmp_path: Path) -> None:
    # Rules from a folder that does not exist: the worker's setup raises before any batch.
    bad = Setup(Budgets(), Vocabulary(), ((str(tmp_path / "missing"),), ("MLC-X",), ("terraform",)))
    results = Pool(square_or_die, [(n, "") for n in range(5)], 2, bad).results()
    assert all(isinstance(r, Crashed) and r.message.startswith("worker could not start: ") for r in results)


def square_here(items: list[tuple[int, str]]) -> list[int]:
    """square_or_die as this process runs it, negated so the test sees who ran what; it never
    kills (a test process that killed itself would be the test's death, not the pool's)."""
    return [-n * n for n, _ in items]


def test_this_process_runs_batches_too_and_each_item_runs_once() -> None:
    pool = Pool(square_or_die, [(n, "") for n in range(1, 41)], 2, SETUP, local=square_here)
    results = pool.results()
    assert [abs(r) for r in results] == [n * n for n in range(1, 41)]  # type: ignore[arg-type]
    here = sum(1 for r in results if isinstance(r, int) and r < 0)
    # 40 items in batches of 5 (four per process): what ran here is whole batches, counted.
    assert here == 5 * pool.ran_here
    assert pool.deaths == []


def test_a_retry_never_runs_in_this_process(tmp_path: Path) -> None:
    """A batch that took a worker down runs again in a worker (if here, a second death would be
    the scan's): the killer item is blamed by a worker's death, not by this process."""
    items = [(n, "die" if n == 0 else "") for n in range(8)]
    pool = Pool(square_or_die, items, 2, SETUP, local=square_here)
    # This process may take the killer's batch first, before any worker: then nothing dies.
    first = pool.results()
    if first[0] == 0:  # the killer item ran here, as square_here (which never kills)
        assert pool.deaths == []
    else:
        assert isinstance(first[0], Crashed) and "died twice" in first[0].message
        assert len(pool.deaths) == 1
    assert [abs(r) for r in first[1:]] == [n * n for n in range(1, 8)]  # type: ignore[arg-type]


def started_here(setup: str) -> None:
    """A worker set-up of the caller's own (the org runner's): leaves a mark the task reads."""
    os.environ["MLCOMPLY_TEST_STARTED"] = setup


def mark_or_wait(items: list[str]) -> list[str]:
    """The set-up's mark per item; "wait" blocks until the worker is stopped."""
    for item in items:
        if item == "wait":
            threading.Event().wait()
    return [f"{os.environ.get('MLCOMPLY_TEST_STARTED')}:{item}" for item in items]


def test_completed_gives_each_item_once_as_it_arrives_with_the_callers_setup() -> None:
    items = [str(n) for n in range(7)]
    pool = Pool(mark_or_wait, items, 2, "org", start=started_here, batch=1)
    arrived = list(pool.completed())
    assert sorted(arrived) == [(n, f"org:{n}") for n in range(7)]


def test_terminate_stops_running_work_and_says_so() -> None:
    items = ["wait", "wait", "2", "3"]
    pool = Pool(mark_or_wait, items, 2, "org", start=started_here, batch=1)
    arriving = pool.completed()
    # Both workers are blocked on "wait" (one item per task), the others never started.
    pool.terminate(grace=1.0)
    results = dict(arriving)
    assert sorted(results) == [0, 1, 2, 3]
    assert all(isinstance(r, Crashed) for r in results.values()), results
    assert {r.message.split(" (")[0] for r in results.values()} <= {"stopped while it ran", "stopped before it ran"}
    assert pool.deaths == []  # a stopped worker is not rerun

"""The worker pool: results in the items' order, and a worker that dies costs its item only."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from scanner.loaders.budgets import Budgets, current
from scanner.parallel import Crashed, Pool, Setup, usable_cores
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

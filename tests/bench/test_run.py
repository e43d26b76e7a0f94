"""bench/run.py: the memory runs, and how a row's figures are made of its runs."""

from __future__ import annotations

from typing import Any

import pytest

from tests.scripts import load_script

run = load_script("bench/run.py")


def fake_runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replaces run_measured: each call is recorded, and answers by its command and interval
    (a memory run, sampled every millisecond, sees a peak that the 20 ms samples missed)."""
    calls: list[dict[str, Any]] = []

    def measured(cmd: list[str], timeout: float, **kwargs: Any) -> Any:
        calls.append({"cmd": cmd[0], **kwargs})
        fast = kwargs.get("interval") == run.MEMORY_INTERVAL
        peak = {"a": 100.0, "b": 300.0}[cmd[0]] + (50.0 if fast else 0.0)
        pss = peak / 2 if kwargs.get("pss") else None
        seconds = 9.0 if fast else 1.0 + len(calls) / 100
        return run.Measured(seconds, peak, 0, "", "", seconds * 2, pss)

    monkeypatch.setattr(run, "run_measured", measured)
    return calls


def bench(memory_runs: int, pss: bool) -> Any:
    got = object.__new__(run.Bench)  # without __init__'s compiling and `scan --help`
    got.repeat, got.checkov, got.memory_runs, got.pss = 2, None, memory_runs, pss
    got.env, got.rows = {}, []
    return got


def test_memory_runs_sample_every_millisecond_and_count_only_for_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = fake_runs(monkeypatch)
    row = bench(memory_runs=1, pss=True).pair("row", ["a"], ["b"])
    # Interleaved: the timed runs (A B A B), then the memory runs (A B).
    assert [c["cmd"] for c in calls] == ["a", "b", "a", "b", "a", "b"]
    assert [c.get("interval") for c in calls] == [None] * 4 + [run.MEMORY_INTERVAL] * 2
    assert [bool(c.get("pss")) for c in calls] == [False] * 4 + [True] * 2
    assert row.a.walls == [1.01, 1.03] and row.b.walls == [1.02, 1.04]  # not the memory runs' 9 s
    assert (row.a.peak_mib, row.b.peak_mib) == (150.0, 350.0)
    assert (row.a.peak_pss_mib, row.b.peak_pss_mib) == (75.0, 175.0)


def test_without_memory_runs_the_peak_is_the_timed_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = fake_runs(monkeypatch)
    row = bench(memory_runs=0, pss=False).pair("row", ["a"], None)
    assert [c["cmd"] for c in calls] == ["a", "a"]
    assert row.b is None
    assert row.a.peak_mib == 100.0 and row.a.peak_pss_mib is None


def test_the_pss_line_follows_its_row(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    fake_runs(monkeypatch)
    bench(memory_runs=1, pss=True).pair("row", ["a"], ["b"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("row") and lines[0].rstrip().endswith("2.3x")  # 350 / 150 MiB
    assert lines[1].split() == ["PSS", "peak", "75", "MiB", "175", "MiB", "2.3x"]

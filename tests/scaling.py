"""Timing for scaling checks (N against 8N inside one run), never for wall-clock limits."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_cpu_seconds(run: Callable[[], object], repeats: int = 5) -> float:
    """The best of `repeats` CPU times of this thread: other processes, and other threads of the
    test process, share the machine and would count in wall or process time."""
    times = []
    for _ in range(repeats):
        started = time.thread_time()
        run()
        times.append(time.thread_time() - started)
    return min(times)


def scaling_ratio(small: Callable[[], object], large: Callable[[], object], attempts: int = 3) -> float:
    """CPU time of `large` over `small`, the lowest of up to `attempts` measurements, stopping at
    the first under 12: a busy moment on a shared machine can spoil one, a quadratic spoils all."""
    ratios = []
    for _ in range(attempts):
        ratios.append(best_cpu_seconds(large) / max(best_cpu_seconds(small), 1e-4))
        if ratios[-1] < 12:
            break
    return min(ratios)

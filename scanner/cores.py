"""The cores this process may use, for the scan's lanes (speed.py), tfparse's parts
(terraform.split) and the worker pool (parallel.py): a module of its own, so that a scan that
starts no pool never imports multiprocessing."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on (its affinity mask, which a container or `taskset`
    narrows), else the machine's count; at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)

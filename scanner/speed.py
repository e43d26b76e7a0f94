"""How many worker processes a scan uses and which cache it keeps: command line, then the
trusted config (`jobs:`, `cache:`), then the defaults (one process; the user cache folder).

Why one process by default, not every core: on the 2-core machine we measure on (bench/run.py
--rows jobs --roots 200 --repeat 3 --checkov none), `--jobs 2` has never been faster than one
process. Session of issue 16, with the scan's own process loading units alongside one worker:
median 10.3 s against 9.9 s (load average 4.3 from other work), 1.8x the memory and 1.2x the CPU
(a worker's start, the Rego rules compiled again, documents pickled back, shared modules parsed
once per unit instead of once). Re-measure on an idle machine before making it the default;
`--jobs N` is there for machines with more cores, where it pays."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from scanner.cache import DEFAULT_MAX_BYTES, Cache, default_dir
from scanner.config import Config
from scanner.walk import scan_root

DEFAULT_JOBS = 1


def settings(
    args: argparse.Namespace, config: Config, paths: Sequence[Path], notes: list[str]
) -> tuple[int, Cache | None]:
    jobs = getattr(args, "jobs", None) or config.jobs or DEFAULT_JOBS
    if getattr(args, "no_cache", False) or not config.cache_enabled:
        return jobs, None
    folder = getattr(args, "cache_dir", None) or config.cache_dir or default_dir()
    root = scan_root(paths).resolve()
    where = folder.resolve()
    if where == root or root in where.parents:
        # Inside the scanned tree, a change could ship entries that replace the trusted results.
        notes.append(f"cache folder {folder} is inside the scanned tree; the cache is not used")
        return jobs, None
    max_bytes = config.cache_max_mb * 1024 * 1024 if config.cache_max_mb else DEFAULT_MAX_BYTES
    return jobs, Cache(folder, max_bytes)

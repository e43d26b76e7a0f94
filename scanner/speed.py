"""How many worker processes a scan uses and which cache it keeps: command line, then the
trusted config (`jobs:`, `cache:`), then the defaults (one process; the user cache folder).

Why one process by default, not every core (issue 16 asks for all usable cores where that is at
least as fast as one process, in wall time, on 200 and 800 root modules, for at most ~10% more
CPU): on the 2-core machine we measure on it is not, at 200 roots. With `--jobs 1` the scan
already keeps ~1.4 cores busy (its tfparse and pygohcl processes parse beside it), and a worker
costs ~1.0 s of CPU before its first root module: an interpreter, ~0.17 s of imports, the Rego
rules compiled again (~0.16 s), its own tfparse and pygohcl processes. What it no longer costs:
pickling documents back (0.4 MB for a quarter of 200 roots, under 10 ms), shared modules parsed
per unit (+4% of files at 8 units), parser processes started again per batch in the scan's own
process (fixed: 5 tfparse processes for 200 roots became 2); Python rules run in the parent, ~2%
of the samples at 200 roots, so moving them into workers would not change the verdict.

Measured in the session of issue 16 (branch perf-cores), `--no-cache`, interleaved runs of
`mlcomply scan TREE --jobs J --no-cache -q --fail-on none` under /usr/bin/time, trees from
`bench.run.generate_roots`, on a machine shared with other work (load average 4-6 on 2 cores):

  roots  --jobs 1: wall median (range), CPU   --jobs 2: wall median (range), CPU
  40     3.6 s (3.2-3.9), 3.0 s               4.0 s (3.7-4.6), 4.0 s     (+1.0 s CPU: a worker's start)
  200    10.4 s (9.4-11.4), 8.2 s             11.5 s (9.0-13.2), 10.8 s  (1.1x the wall, 1.3x the CPU)
  800    44.4 s (39.9-51.0), 35.5 s           36.0 s (33.8-42.7), 35.4 s (0.81x the wall, same CPU)

`python bench/run.py --rows jobs --repeat 3 --checkov none` (200 roots, medians), three runs in the
same session (the first before the parser-process fix), load average 3.6-7: --jobs 2 took
13.26/12.81/13.33 s against 12.85/14.04/12.86 s for --jobs 1 (1.03x, 0.91x, 1.04x the wall
time), with 11.36/11.06/11.38 s of CPU against 8.55/10.29/8.62 s (1.33x, 1.07x, 1.32x) and 1.8x
the memory (320-330 MiB against 172-176 MiB).

So workers pay on large repositories (and on machines with more cores), not yet at 200 roots on
two: re-measure on an idle machine (bench/run.py --rows jobs) before making all cores the
default; `--jobs N` (config `jobs`) is there for the repositories and machines where it pays."""

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

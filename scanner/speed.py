"""How many processes a scan's Terraform stage uses and which cache it keeps: command line, then
the trusted config (`jobs:`, `cache:`), then the defaults (`auto`; the user cache folder).

`auto` (the default) uses every usable core: one lane per two cores, a lane being a scan process
with its own tfparse and pygohcl processes. A lane keeps about 1.4 cores busy by itself (measured
at 200 root modules: 4.86 s of CPU in 3.43 s of wall time, the scan's process evaluating rules
while tfparse evaluates the next roots), so on 2 cores one lane already uses both, and a second
lane only competes with it:

  200 roots, 2 cores, --jobs 2 against --jobs 1 (bench/run.py --rows jobs, session of issue 16):
  the same wall time (3.47 s against 3.40 s) for 1.2x the CPU (5.83 s against 4.85 s) and 1.7x
  the memory; at 800 roots, 0.81x the wall time for the same CPU (under load).

On 4 cores `auto` gives 2 lanes, on 8 cores 4. Workers still start only when enough root modules
miss the cache (terraform.spread.MIN_UNITS_FOR_POOL): below that, starting a worker (~1.0 s of CPU:
an interpreter, imports, the rules compiled again, its parser processes) costs more than it saves.
`--jobs N` (config `jobs: N`) asks for exactly N processes, the scan's own among them."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from scanner.cache import DEFAULT_MAX_BYTES, Cache, default_dir
from scanner.config import Config
from scanner.cores import usable_cores
from scanner.walk import scan_root

AUTO = "auto"
CORES_PER_LANE = 2


def auto_jobs(cores: int | None = None) -> int:
    return max(1, (usable_cores() if cores is None else cores) // CORES_PER_LANE)


def settings(
    args: argparse.Namespace, config: Config, paths: Sequence[Path], notes: list[str]
) -> tuple[int, Cache | None]:
    asked = getattr(args, "jobs", None) or config.jobs or AUTO
    jobs = auto_jobs() if asked == AUTO else int(asked)
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

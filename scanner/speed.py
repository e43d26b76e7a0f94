"""How many worker processes a scan uses and which cache it keeps: command line, then the
trusted config (`jobs:`, `cache:`), then the defaults (every usable core; the user cache folder)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from scanner.cache import DEFAULT_MAX_BYTES, Cache, default_dir
from scanner.config import Config
from scanner.parallel import usable_cores
from scanner.walk import scan_root


def settings(
    args: argparse.Namespace, config: Config, paths: Sequence[Path], notes: list[str]
) -> tuple[int, Cache | None]:
    jobs = getattr(args, "jobs", None) or config.jobs or usable_cores()
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

"""Hash a generated file with DVC's algorithm (scanner.dvc.hashing) and with md5sum, side by side.

    python bench/dvc_hash_vs_md5sum.py [--mib 1024]

The file is random data in the system temp folder, removed afterwards. Each tool runs once,
after one warm-up read, so both see the same page-cache state.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from scanner.dvc import hashing as dvc_hash


def _timed(label: str, fn: Callable[[], str]) -> str:
    wall = time.perf_counter()
    digest = fn()
    print(f"{label:<28} {time.perf_counter() - wall:6.2f} s wall  {digest}")
    return digest


def _md5(path: Path, dos2unix: bool) -> str:
    with path.open("rb") as fh:
        return dvc_hash.file_md5(fh, dos2unix)


def _md5sum(name: str) -> str:
    return subprocess.run(["md5sum", name], capture_output=True, text=True, check=True).stdout.split()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=1024)
    args = parser.parse_args()
    fd, name = tempfile.mkstemp(prefix="mlcomply-bench-")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            for _ in range(args.mib):
                fh.write(os.urandom(1 << 20))
        with path.open("rb") as fh:  # warm-up read
            while fh.read(1 << 24):
                pass
        print(f"{args.mib} MiB of random data")
        a = _timed(
            "md5sum",
            lambda: subprocess.run(["md5sum", name], capture_output=True, text=True).stdout.split()[0],
        )
        b = _timed("dvc_hash.file_md5 (DVC 3)", lambda: _md5(path, False))
        c = _timed("dvc_hash.file_md5 (DVC 2)", lambda: _md5(path, True))
        assert a == b == c, "digests differ"
    finally:
        path.unlink()


if __name__ == "__main__":
    main()

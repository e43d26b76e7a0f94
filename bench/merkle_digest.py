"""A dataset's Merkle root (scanner.integrity.datasets) against `sha256sum` over the same files,
and its scaling from N to 8N files, in one run.

    python bench/merkle_digest.py [--files 250] [--kib 256]

The datasets are random files in the system temp folder, removed afterwards: N files of KIB KiB
and 8N files of KIB/8 KiB (the same bytes in 8 times as many files), each read once before
timing so every tool sees the same page-cache state.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from scanner.integrity.datasets import hash_dataset


def _make(root: Path, files: int, kib: int) -> list[str]:
    (root / "data").mkdir()
    names = []
    for i in range(files):
        rel = f"data/part-{i:05d}.bin"
        (root / rel).write_bytes(os.urandom(kib << 10))
        names.append(rel)
    for rel in names:  # warm-up read
        (root / rel).read_bytes()
    return names


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=250)
    parser.add_argument("--kib", type=int, default=256)
    args = parser.parse_args()
    for files, kib in ((args.files, args.kib), (args.files * 8, max(1, args.kib // 8))):
        with tempfile.TemporaryDirectory(prefix="mlcomply-bench-") as tmp:
            root = Path(tmp)
            names = _make(root, files, kib)
            ours = _timed(lambda: hash_dataset(root, "data", dvc=False))  # noqa: B023
            theirs = _timed(lambda: subprocess.run(["sha256sum", *names], cwd=root, capture_output=True, check=True))  # noqa: B023
            mib = files * kib / 1024
            print(
                f"{files:>6} files x {kib:>4} KiB ({mib:.0f} MiB): merkle {ours:6.2f} s  sha256sum {theirs:6.2f} s  "
                f"ratio {ours / theirs:4.2f}  ({mib / ours:5.0f} MiB/s)"
            )


if __name__ == "__main__":
    main()

"""Benchmark mlcomply against checkov in one run, on the same generated trees.

    python bench/run.py                      # 100, 1,000 and 10,000 resources + the 3-file shape
    python bench/run.py --sizes 1000 --checkov /path/to/checkov

Prints wall time and peak RSS of each command (measured with wait4 on the child process) and
the ratio. checkov is found with --checkov, $MLCOMPLY_CHECKOV or PATH; without it only our
figures are printed. Nothing here talks to the network: checkov runs with its offline settings.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

REPO = Path(__file__).resolve().parent.parent
CHECKOV_ENV = {
    "BC_SKIP_MAPPING": "TRUE",
    "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false",
    "ENABLE_SECRETS_SCAN_ALL_FILES": "false",
    "LOG_LEVEL": "ERROR",
    "AWS_EC2_METADATA_DISABLED": "true",
}


@dataclass
class Run:
    seconds: float
    peak_mib: float
    code: int


def measure(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        print(f"  ! {' '.join(cmd[:3])}... exited {proc.returncode}: {err[-500:]}", file=sys.stderr)
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode)


def mlcomply_cmd() -> list[str]:
    exe = shutil.which("mlcomply")
    return [exe] if exe else [sys.executable, "-m", "scanner"]


def find_checkov(flag: str | None) -> str | None:
    return flag or os.environ.get("MLCOMPLY_CHECKOV") or shutil.which("checkov")


def fmt(run: Run | None) -> str:
    return f"{run.seconds:8.2f} s {run.peak_mib:7.0f} MiB" if run else f"{'-':>10} {'-':>11}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--checkov", help="path to a checkov executable")
    parser.add_argument("--repeat", type=int, default=1, help="runs per command; the best is kept")
    args = parser.parse_args()
    checkov = find_checkov(args.checkov)
    env = {"PYTHONPATH": str(REPO), "AWS_EC2_METADATA_DISABLED": "true"}
    ours = mlcomply_cmd()

    def best(cmd: list[str], cwd: Path | None = None, extra: dict[str, str] | None = None) -> Run:
        runs = [measure(cmd, cwd, {**env, **(extra or {})}) for _ in range(args.repeat)]
        return min(runs, key=lambda r: r.seconds)

    print(f"mlcomply: {' '.join(ours)}; checkov: {checkov or 'not found'}; {os.cpu_count()} cores")
    header = f"{'case':<26}{'mlcomply':>22}{'checkov':>24}{'speed-up':>10}{'memory':>9}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="mlcomply-bench-") as tmp:
        for size in args.sizes:
            tree = generate(size, Path(tmp) / f"r{size}")
            mine = best([*ours, "scan", str(tree), "-q", "--fail-on", "none"])
            theirs = (
                best([checkov, "-d", str(tree), "--quiet", "--compact", "-o", "json"], extra=CHECKOV_ENV)
                if checkov
                else None
            )
            print_row(f"{size:,} resources", mine, theirs)
        tree = generate(100, Path(tmp) / "precommit")
        files = [str(p) for p in sorted(tree.rglob("*.tf"))[:2]] + [str(sorted(tree.rglob("*.yaml"))[0])]
        print_row("python -c pass", best([sys.executable, "-c", "pass"]), None)
        mine = best([*ours, "scan", *files, "-q", "--fail-on", "none"])
        theirs = None
        if checkov:
            flags = [x for f in files for x in ("-f", f)]
            theirs = best([checkov, *flags, "--quiet", "--compact", "-o", "json"], extra=CHECKOV_ENV)
        print_row("3 files (pre-commit)", mine, theirs)


def print_row(name: str, mine: Run, theirs: Run | None) -> None:
    ratio = f"{theirs.seconds / mine.seconds:9.1f}x" if theirs else f"{'-':>10}"
    mem = f"{theirs.peak_mib / mine.peak_mib:8.1f}x" if theirs else f"{'-':>9}"
    print(f"{name:<26}{fmt(mine):>22}  {fmt(theirs):>22}{ratio}{mem}")


if __name__ == "__main__":
    main()

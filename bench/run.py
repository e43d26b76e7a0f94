"""Benchmark mlcomply against checkov in one run, on the same generated trees.

    python bench/run.py                                  # every row, 3 interleaved runs each
    python bench/run.py --rows roots --roots 50 200 --repeat 1 --checkov none   # under a minute
    python bench/run.py --rows floor roots precommit hook --json out.json

Rows (`--rows`, default all):
  floor      `python -c pass`: the cost of starting a Python process
  resources  one root module with --sizes resources (bench/generate.py), `scan` vs `checkov -d`
  roots      --roots N root modules like an ML platform repository (a stack per folder calling
             shared modules, variables, locals, tfvars, cross-file references), `scan` vs `checkov -d`
  precommit  `scan --files-only` on 3 files inside the 200-root repository vs `checkov -f` on them
  hook       the same 3 files staged, through real `pre-commit run` with this repository's hook
             entry (.pre-commit-hooks.yaml) vs checkov's `checkov_diff` hook entry
  warm       a re-scan of the unchanged 200-root repository with a warm --cache-dir vs a cold
             one (--no-cache); only when `mlcomply scan --help` offers --cache-dir
  first      a first scan as users run it, with the cache on and empty (a fresh CI runner; every
             other row but warm runs --no-cache), vs --no-cache: what writing the cache costs,
             on the 200-root repository and on 10,000 resources
  jobs       --jobs 1 vs --jobs <all cores> on the 200-root repository; only when --jobs exists

The two commands of a row run interleaved (A B A B ...). Each cell shows the minimum and median
wall time, the median CPU time (user + system of the whole process tree, workers included) and
the peak memory summed over the process tree (bench/proctree.py). The timing runs sample memory
every 20 ms, which misses short-lived processes (checkov's forked workers hold ~150 MiB each for
15-30 ms on the 3-file rows), so the peak also comes from --memory-runs more runs of each
command (default 1), sampled every millisecond: a sampler that fast takes a tenth to a fifth of
a core, too much to leave in the timed runs. With --pss those runs also sum each process's
proportional set size (a page shared by n processes counts 1/n: a forked worker's copy-on-write
pages are not counted again), printed under the row. The ratio columns divide B by A (checkov by
mlcomply: above 1 means mlcomply is faster; memory: how many times less we use).
After the roots rows comes the linearity figure: median time per root at the largest N over
the time per root at the smallest. checkov is found with --checkov, $MLCOMPLY_CHECKOV or PATH
(`--checkov none` skips it). Nothing here talks to the network: checkov runs with its offline
settings, pre-commit with `repo: local` hooks. The bytecode of scanner/ and rules/ is written
before the first run, as `pip install` writes every installed package's (checkov's included).
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, generate_roots
from proctree import Measured, run_measured

REPO = Path(__file__).resolve().parent.parent
CHECKOV_ENV = {
    "BC_SKIP_MAPPING": "TRUE",
    "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false",
    "ENABLE_SECRETS_SCAN_ALL_FILES": "false",
    "LOG_LEVEL": "ERROR",
    "AWS_EC2_METADATA_DISABLED": "true",
}
ROWS = ("floor", "resources", "roots", "precommit", "hook", "warm", "first", "jobs")
HOOK_ROOTS = 200  # the pre-commit, warm-cache and jobs rows run in the repository with this many roots
FIRST_RESOURCES = 10_000  # the first-scan row's single root module
# Three files of two stacks, as a commit touching one stack's storage and another's endpoint.
HOOK_FILES = ("stacks/stack-0003/storage.tf", "stacks/stack-0003/kms.tf", "stacks/stack-0150/sagemaker.tf")
TIMEOUT = 3600.0
MEMORY_INTERVAL = 0.001  # the memory runs' sampling period, in seconds


@dataclass
class Cell:
    """The runs of one command in one row."""

    command: str
    walls: list[float]
    cpus: list[float]
    peak_mib: float
    codes: list[int | None]
    peak_pss_mib: float | None = None  # from the memory runs, with --pss

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    def text(self) -> str:
        return f"{min(self.walls):6.2f}/{self.wall:6.2f} s {self.cpu:6.2f} s {self.peak_mib:6.0f} MiB"


@dataclass
class Row:
    name: str
    a: Cell
    b: Cell | None
    roots: int | None = None


class Bench:
    def __init__(self, repeat: int, checkov: str | None, memory_runs: int = 1, pss: bool = False) -> None:
        self.repeat = repeat
        self.checkov = checkov
        self.memory_runs = memory_runs
        self.pss = pss
        self.env = {**os.environ, "PYTHONPATH": str(REPO), "AWS_EC2_METADATA_DISABLED": "true", "NO_COLOR": "1"}
        self.ours = mlcomply_cmd()
        precompile()
        self.rows: list[Row] = []
        self.no_cache = "--no-cache" if "--no-cache" in scan_flags(self.ours, self.env) else None

    def pair(
        self,
        name: str,
        a: Sequence[str],
        b: Sequence[str] | None,
        cwd: Path | None = None,
        b_env: dict[str, str] | None = None,
        roots: int | None = None,
        env: dict[str, str] | None = None,
        emptied: Path | None = None,
    ) -> Row:
        """Runs `a` and `b` interleaved, `repeat` times each and then `memory_runs` times each
        for the peak memory, and prints the row. `env` is added
        to both commands' environment, `b_env` to b's only; `emptied` is removed before each run
        of `a` (a cache folder that must start empty)."""
        runs: dict[str, list[Measured]] = {"a": [], "b": [], "memory a": [], "memory b": []}
        for i in range(self.repeat + self.memory_runs):
            memory = i >= self.repeat
            for side, cmd, extra in (("a", a, env), ("b", b, {**(env or {}), **(b_env or {})})):
                if cmd is None:
                    continue
                if side == "a" and emptied is not None:
                    shutil.rmtree(emptied, ignore_errors=True)
                key = f"memory {side}" if memory else side
                runs[key].append(self.run(cmd, cwd, extra, memory=memory))
        row = Row(
            name,
            cell(a, runs["a"], runs["memory a"]),
            cell(b, runs["b"], runs["memory b"]) if b is not None else None,
            roots,
        )
        self.rows.append(row)
        print_row(row)
        return row

    def run(
        self, cmd: Sequence[str], cwd: Path | None, extra: dict[str, str] | None = None, memory: bool = False
    ) -> Measured:
        """One run; a memory run samples every millisecond (and PSS with --pss), and its times
        are not kept."""
        env = {**self.env, **(extra or {})}
        if memory:
            got = run_measured(cmd, TIMEOUT, env=env, cwd=cwd, interval=MEMORY_INTERVAL, pss=self.pss)
        else:
            got = run_measured(cmd, TIMEOUT, env=env, cwd=cwd)
        if got.returncode not in (0, 1):
            print(f"  ! {' '.join(cmd[:4])}... exited {got.returncode}: {got.stderr[-500:]}", file=sys.stderr)
        return got

    def scan(self, *args: str) -> list[str]:
        # Cold unless a row asks for the cache: a cache left warm by an earlier row (or run) would
        # make every later row measure a cache hit.
        cold = [] if self.no_cache is None or "--cache-dir" in args else [self.no_cache]
        return [*self.ours, "scan", *args, *cold, "-q", "--fail-on", "none"]

    def checkov_dir(self, tree: Path) -> list[str] | None:
        if not self.checkov:
            return None
        return [self.checkov, "-d", str(tree), "--quiet", "--compact", "-o", "json"]


def cell(cmd: Sequence[str], runs: list[Measured], memory: Sequence[Measured] = ()) -> Cell:
    """The timed runs' figures; the peak is the largest any run saw, memory runs included."""
    pss = [r.peak_pss_mib for r in memory if r.peak_pss_mib is not None]
    return Cell(
        " ".join(cmd),
        [r.seconds for r in runs],
        [r.cpu_seconds for r in runs],
        max(r.peak_rss_mib for r in (*runs, *memory)),
        [r.returncode for r in runs],
        max(pss) if pss else None,
    )


def mlcomply_cmd() -> list[str]:
    exe = shutil.which("mlcomply")
    return [exe] if exe else [sys.executable, "-m", "scanner"]


def precompile() -> None:
    """Writes the bytecode of scanner/ and rules/ ahead of the runs, as `pip install` does for
    every installed package (checkov's included). An editable install run with
    PYTHONDONTWRITEBYTECODE set would otherwise compile ~350 modules from source on every run
    (about 0.4 s of each pre-commit run), which no installed user pays."""
    for name in ("scanner", "rules"):
        compileall.compile_dir(REPO / name, quiet=2)


def find_checkov(flag: str | None) -> str | None:
    if flag == "none":
        return None
    return flag or os.environ.get("MLCOMPLY_CHECKOV") or shutil.which("checkov")


def scan_flags(ours: Sequence[str], env: dict[str, str]) -> str:
    out = subprocess.run([*ours, "scan", "--help"], capture_output=True, text=True, env=env, check=False)
    return out.stdout


HEADER = (
    f"{'case':<30}{'A: min/median wall, cpu, peak':>36}   {'B: min/median wall, cpu, peak':>36}"
    f"{'B/A wall':>10}{'cpu':>7}{'mem':>7}"
)


def print_row(row: Row) -> None:
    b = row.b.text() if row.b else "-"
    if row.b:
        ratios = f"{row.b.wall / row.a.wall:9.1f}x{row.b.cpu / max(row.a.cpu, 1e-9):6.1f}x"
        ratios += f"{row.b.peak_mib / max(row.a.peak_mib, 1e-9):6.1f}x"
    else:
        ratios = ""
    print(f"{row.name:<30}{row.a.text():>36}   {b:>36}{ratios}", flush=True)
    if row.a.peak_pss_mib is not None:
        line = f"{'  PSS peak':<30}{row.a.peak_pss_mib:>32.0f} MiB"
        if row.b and row.b.peak_pss_mib is not None:
            ratio = row.b.peak_pss_mib / max(row.a.peak_pss_mib, 1e-9)
            line += f"   {row.b.peak_pss_mib:>32.0f} MiB{'':>17}{ratio:6.1f}x"
        print(line, flush=True)


def linearity(rows: list[Row]) -> None:
    """Time per root at the largest N over the smallest (1.0 is linear), and the marginal time
    per root between consecutive N: the fixed start-up cost weighs on the per-root figure at
    small N and hides growth there, the marginal one shows it."""
    many = sorted((r for r in rows if r.roots), key=lambda r: r.roots or 0)
    if len(many) < 2:
        return
    low, high = many[0], many[-1]
    assert low.roots and high.roots
    for what, get in (("wall", lambda c: c.wall), ("cpu", lambda c: c.cpu)):
        per_low, per_high = get(low.a) / low.roots, get(high.a) / high.roots
        steps = ", ".join(
            f"{a.roots}->{b.roots}: {(get(b.a) - get(a.a)) / ((b.roots or 0) - (a.roots or 0)) * 1000:.1f}"
            for a, b in itertools.pairwise(many)
        )
        print(
            f"linearity ({what}): {per_high * 1000:.1f} ms/root at {high.roots} vs {per_low * 1000:.1f} ms/root "
            f"at {low.roots}: {per_high / per_low:.2f}; marginal ms/root {steps}"
        )


def hook_repo(tree: Path, bench: Bench) -> dict[str, str]:
    """Stages a change to the 3 files and writes a `repo: local` pre-commit config whose mlcomply
    hook has the entry of this repository's .pre-commit-hooks.yaml; returns hook id -> entry."""
    ours = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    entry = next(h["entry"] for h in ours if h["id"] == "mlcomply")
    entry = entry.replace("mlcomply ", " ".join(bench.ours) + " ", 1)
    hooks = {"mlcomply": entry}
    if bench.checkov:
        hooks["checkov_diff"] = f"{bench.checkov} --framework terraform -f"
    config = {
        "repos": [
            {
                "repo": "local",
                "hooks": [
                    {"id": k, "name": k, "entry": e, "language": "system", "pass_filenames": True, "files": r"\.tf$"}
                    for k, e in hooks.items()
                ],
            }
        ]
    }
    (tree / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    for rel in HOOK_FILES:
        path = tree / rel
        path.write_text(path.read_text().replace("false", "true") + "\n# changed\n")
    subprocess.run(["git", "add", ".pre-commit-config.yaml", *HOOK_FILES], cwd=tree, check=True, capture_output=True)
    return hooks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", nargs="*", choices=ROWS, default=list(ROWS))
    parser.add_argument("--sizes", type=int, nargs="*", default=[10000], help="resources rows (one root module)")
    parser.add_argument("--roots", type=int, nargs="*", default=[50, 100, 200, 400, 800], help="roots rows")
    parser.add_argument("--checkov", help="path to a checkov executable, or `none` to skip it")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs per command (min and median kept)")
    parser.add_argument(
        "--memory-runs",
        type=int,
        default=1,
        help="more runs per command, sampled every millisecond for the peak memory (0: the timed runs' samples only)",
    )
    parser.add_argument("--pss", action="store_true", help="the memory runs also sum PSS (printed under each row)")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    args = parser.parse_args()
    bench = Bench(args.repeat, find_checkov(args.checkov), args.memory_runs, args.pss)
    help_text = scan_flags(bench.ours, bench.env)
    cores = len(os.sched_getaffinity(0))
    print(f"A = mlcomply: {' '.join(bench.ours)}; B = checkov: {bench.checkov or 'not run'}; {cores} cores")
    print(
        f"{args.repeat} interleaved runs per command, and {args.memory_runs} sampled every millisecond for memory;"
        " times in seconds, memory summed over the process tree"
    )
    print(HEADER)
    print("-" * len(HEADER))
    with tempfile.TemporaryDirectory(prefix="mlcomply-bench-") as tmp:
        work = Path(tmp)
        if "floor" in args.rows:
            bench.pair("python -c pass", [sys.executable, "-c", "pass"], None)
        for size in args.sizes if "resources" in args.rows else ():
            tree = generate(size, work / f"r{size}")
            bench.pair(f"{size:,} resources", bench.scan(str(tree)), bench.checkov_dir(tree), b_env=CHECKOV_ENV)
            shutil.rmtree(tree)
        for n in args.roots if "roots" in args.rows else ():
            tree = generate_roots(n, work / f"roots{n}")
            bench.pair(f"{n} roots", bench.scan(str(tree)), bench.checkov_dir(tree), b_env=CHECKOV_ENV, roots=n)
            if n != HOOK_ROOTS:
                shutil.rmtree(tree)
        if "roots" in args.rows:
            linearity(bench.rows)
        shared = {"precommit", "hook", "warm", "first", "jobs"} & set(args.rows)
        tree = work / f"roots{HOOK_ROOTS}"
        if shared and not tree.exists():
            generate_roots(HOOK_ROOTS, tree)
        if "warm" in args.rows and "--cache-dir" in help_text:
            cache = work / "cache"
            bench.run(bench.scan(str(tree), "--cache-dir", str(cache)), None)  # fills the cache
            bench.pair(
                f"{HOOK_ROOTS} roots: warm vs cold cache",
                bench.scan(str(tree), "--cache-dir", str(cache)),
                bench.scan(str(tree), "--no-cache"),
            )
        if "first" in args.rows and "--cache-dir" in help_text:
            empty = work / "empty-cache"
            bench.pair(
                f"{HOOK_ROOTS} roots: first scan, cache on vs --no-cache",
                bench.scan(str(tree), "--cache-dir", str(empty)),
                bench.scan(str(tree), "--no-cache"),
                emptied=empty,
            )
            big = generate(FIRST_RESOURCES, work / f"r{FIRST_RESOURCES}")
            bench.pair(
                f"{FIRST_RESOURCES:,} resources: first scan, cache on vs --no-cache",
                bench.scan(str(big), "--cache-dir", str(empty)),
                bench.scan(str(big), "--no-cache"),
                emptied=empty,
            )
            shutil.rmtree(big)
        if "jobs" in args.rows and "--jobs" in help_text:
            bench.pair(
                f"{HOOK_ROOTS} roots: --jobs {cores} vs 1",
                bench.scan(str(tree), "--jobs", str(cores)),
                bench.scan(str(tree), "--jobs", "1"),
            )
        if "precommit" in args.rows:
            checkov_files = None
            if bench.checkov:
                checkov_files = [bench.checkov, "--framework", "terraform", "--quiet", "--compact", "-o", "json"]
                checkov_files += [x for f in HOOK_FILES for x in ("-f", f)]
            bench.pair(
                f"3 files of {HOOK_ROOTS} roots",
                bench.scan("--files-only", *HOOK_FILES),
                checkov_files,
                cwd=tree,
                b_env=CHECKOV_ENV,
            )
        if "hook" in args.rows:
            hooks = hook_repo(tree, bench)
            run_hook = [sys.executable, "-m", "pre_commit", "run"]
            bench.pair(
                "pre-commit run, 3 files",
                [*run_hook, "mlcomply"],
                [*run_hook, "checkov_diff"] if "checkov_diff" in hooks else None,
                cwd=tree,
                env={"PRE_COMMIT_HOME": str(work / "pre-commit")},
                b_env=CHECKOV_ENV,
            )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in bench.rows], indent=2) + "\n")


if __name__ == "__main__":
    main()

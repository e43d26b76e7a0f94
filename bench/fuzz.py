"""Run the hostile-input generator of tests/hostile longer than CI does, and list what fails.

    python bench/fuzz.py --seed 7 --count 200            # cases 0..199 of seed 7, 8 per scan
    python bench/fuzz.py --seed 7 --minutes 30           # as many cases as fit in 30 minutes
    python bench/fuzz.py --slice --seed 14               # the CI slice: each operator on every seed
    python bench/fuzz.py --seed 7 --case 42 [--keep DIR] # one case alone (the reproduction command)
    python bench/fuzz.py --seed 14 --operator nul-bytes --file dvc.yaml   # one CI slice case alone

Each scan is the real CLI in a subprocess under a 2 GiB address-space limit and a timeout (see
tests/hostile/harness.py for what counts as a failure). Every failing case is printed with the
command that regenerates and rescans it alone. SARIF is checked against the schemas in
tests/reference. Exit code 1 on any failure.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.hostile.cases import applicable, fuzz_case, slice_case
from tests.hostile.harness import Case, batch_problems, case_problems, scan_batch
from tests.hostile.mutate import OPERATORS


def batches(cases: Iterator[Case], size: int) -> Iterator[list[Case]]:
    batch: list[Case] = []
    for case in cases:
        batch.append(case)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _by_operator(cases: Iterator[Case]) -> Iterator[list[Case]]:
    group: list[Case] = []
    for case in cases:
        if group and group[-1].operator != case.operator:
            yield group
            group = []
        group.append(case)
    if group:
        yield group


def run(groups: Iterator[list[Case]], timeout: float, keep: Path | None) -> int:
    failed = total = 0
    with tempfile.TemporaryDirectory(prefix="mlcomply-fuzz-") as tmp:
        work = keep or Path(tmp)
        for n, batch in enumerate(groups):
            outcome = scan_batch(work / f"batch{n}", batch, timeout)
            shared = batch_problems(outcome, timeout)
            total += len(batch)
            for case in batch:
                problems = shared + case_problems(case, outcome)
                if problems:
                    failed += 1
                    print(f"FAIL {case.operator:<13} {case.rel}  ({case.reproduce})")
                    for p in problems:
                        print(f"     - {p}")
            print(f"batch {n}: {len(batch)} cases, {outcome.seconds:.1f} s, exit {outcome.returncode}", file=sys.stderr)
    print(f"{total} cases, {failed} failed")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--count", type=int, default=100, help="cases to run (default: %(default)s)")
    p.add_argument("--minutes", type=float, help="stop starting new batches after this long")
    p.add_argument("--batch", type=int, help="cases per scan (default: 8; with --slice, one scan per operator)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per scan (default: %(default)s)")
    p.add_argument("--case", type=int, help="run this one case alone")
    p.add_argument("--slice", action="store_true", help="run the CI slice: every operator on every seed")
    p.add_argument("--operator", choices=sorted(OPERATORS), help="with --file: one CI slice case")
    p.add_argument("--file", help="a seed's path, with --operator")
    p.add_argument("--keep", type=Path, help="keep the scanned repositories and outputs in this folder")
    args = p.parse_args(argv)
    args.batch_given = args.batch is not None
    args.batch = args.batch or 8
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    if args.case is not None:
        return run(iter([[fuzz_case(args.seed, args.case)]]), args.timeout, args.keep)
    if args.operator and args.file:
        return run(iter([[slice_case(args.seed, args.operator, args.file)]]), args.timeout, args.keep)
    if args.slice:
        # One scan per operator, as in CI, unless --batch asks for smaller scans (--batch 1: each
        # case alone, which tells which mutant crashed a batch).
        size = args.batch if args.batch_given else 10**6
        cases = (slice_case(args.seed, op, s.rel) for op in sorted(OPERATORS) for s in applicable(op))
        groups = (g for op_group in _by_operator(cases) for g in batches(iter(op_group), size))
        return run(groups, args.timeout, args.keep)
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else None

    def cases() -> Iterator[Case]:
        index = 0
        while (deadline is None and index < args.count) or (deadline is not None and time.monotonic() < deadline):
            yield fuzz_case(args.seed, index)
            index += 1

    return run(batches(cases(), args.batch), args.timeout, args.keep)


if __name__ == "__main__":
    sys.exit(main())

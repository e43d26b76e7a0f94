"""`python -m scanner.ruledocs [--check] [--out docs/rules]`, run at the top of the repository:
regenerates the rule pages from the built-in rules' metadata and examples (--check: only says
which are stale, exit 1)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scanner.ruledocs.generate import COMMAND, stale, write
from scanner.rulesets import load_ruleset


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog=COMMAND, description=__doc__, allow_abbrev=False)
    p.add_argument("--out", type=Path, default=Path("docs/rules"), metavar="D", help="(default: docs/rules)")
    p.add_argument("--check", action="store_true", help="exit 1 if a page is stale; write nothing")
    args = p.parse_args(argv)
    metas = load_ruleset().metas
    if args.check:
        behind = stale(args.out, metas)
        for name in behind:
            print(f"stale: {args.out / name}")
        if behind:
            print(f"rule docs: {len(behind)} page(s) out of date; run `{COMMAND}` and commit docs/rules/")
        return 1 if behind else 0
    n = write(args.out, metas)
    print(f"rule docs: {len(metas)} rules, {n} page(s) written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

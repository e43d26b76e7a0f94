"""`python -m scanner.ruledocs [--check] [--out docs/rules]`, run at the top of the repository:
regenerates the rule pages from the built-in rules' metadata and examples (--check: only says
which are stale, exit 1)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scanner import formats
from scanner.engines import ruleindex
from scanner.ruledocs.generate import COMMAND, stale, write
from scanner.rulesets import load_ruleset


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog=COMMAND, description=__doc__, allow_abbrev=False)
    p.add_argument("--out", type=Path, default=Path("docs/rules"), metavar="D", help="(default: docs/rules)")
    p.add_argument("--check", action="store_true", help="exit 1 if a page is stale; write nothing")
    args = p.parse_args(argv)
    ruleset = load_ruleset(use_index=False)
    metas = ruleset.metas
    index = ruleindex.current(ruleset, formats.kinds())
    index_path = ruleindex.path()
    index_stale = not index_path.is_file() or index_path.read_text(encoding="utf-8") != index
    if args.check:
        behind = stale(args.out, metas)
        for name in behind:
            print(f"stale: {args.out / name}")
        if index_stale:
            print(f"stale: {index_path}")
        if behind or index_stale:
            print(
                f"rule docs: {len(behind) + index_stale} file(s) out of date; run `{COMMAND}` and commit "
                f"docs/rules/ and {index_path.parent.name}/{index_path.name}"
            )
        return 1 if behind or index_stale else 0
    n = write(args.out, metas)
    if index_stale:
        index_path.write_text(index, encoding="utf-8")
    print(
        f"rule docs: {len(metas)} rules, {n} page(s) written to {args.out}; rule index {index_path.name} "
        f"{'rewritten' if index_stale else 'up to date'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

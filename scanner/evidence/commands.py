"""`mlcomply evidence init`: argument parsing and the handler."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from scanner.errors import FatalError

INIT_HELP = """\
Writes a commented evidence file listing every NIST AI RMF 1.0 subcategory that requires
attestation and every one no rule could assess in PATH (it scans PATH with the built-in rules
and the --config you give), each with its AI RMF text, ready to uncomment and fill in.
Default output: .mlcomply-evidence.yaml at the top of PATH's repository (where scans read it).
"""


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    evidence = sub.add_parser("evidence", help="evidence records for the NIST AI RMF report (.mlcomply-evidence.yaml)")
    actions = evidence.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init",
        help="write a commented template of the records this repository could need",
        description=INIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH", help="repository (default: .)")
    init.add_argument(
        "--output", type=Path, metavar="F", help="where to write (default: PATH's .mlcomply-evidence.yaml)"
    )
    init.add_argument("--config", type=Path, metavar="F", help="YAML config file whose rule choice the scan uses")
    init.add_argument("--force", action="store_true", help="overwrite F if it exists")


def run(args: argparse.Namespace) -> int:
    from scanner.config import load_config
    from scanner.evidence.names import DEFAULT_NAME
    from scanner.evidence.template import render
    from scanner.nist.report import build_report
    from scanner.rulesets import load_ruleset
    from scanner.scan import scan
    from scanner.walk import scan_root
    from scanner.writers.json_out import to_json
    from scanner.writers.safe_file import write_output

    if not args.path.exists():
        raise FatalError(f"evidence init: {args.path}: no such file or directory")
    root = scan_root([args.path])
    output: Path = args.output or root / DEFAULT_NAME
    if (output.exists() or output.is_symlink()) and not args.force:
        raise FatalError(f"evidence init: {output} exists; use --force to overwrite it")
    config = load_config(args.config, root if args.config else None)
    ruleset = load_ruleset(config.policy_dirs, config.rules_dirs)
    ruleset.configure(config, source=str(args.config))
    result = scan([args.path], ruleset, rule_options=config.rule_options)
    report = build_report(to_json(result), "high")
    text = render(report, datetime.date.today())
    write_output(output, text, "evidence init: write")
    listed = text.count("#  - subcategory:")
    print(f"mlcomply: wrote {output}: {listed} subcategories to attest or assess", file=sys.stdout)
    return 0

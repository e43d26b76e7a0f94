"""`mlcomply org scan` and `mlcomply org report`: argument parsing and the two handlers."""

from __future__ import annotations

import argparse
from pathlib import Path

from scanner.cli_args import lower
from scanner.severity import SEVERITIES
from scanner.writers.escape import console_text

ORG_HELP = """\
Periodic compliance reports over many repositories.

  mlcomply org scan --repos repos.txt --db org.sqlite --workers 4
  mlcomply org scan --repos ~/src --db org.sqlite --scheduler tcp://dask-scheduler:8786
  mlcomply org scan --repos repos.txt --db org.sqlite --resume     (after Ctrl-C or a crash)
  mlcomply org report --db org.sqlite --output report.html         (.html, .md or .json)
"""

SCAN_HELP = """\
Scans every repository named by --repos and records the run in the SQLite history --db.
--repos is a file with one git URL or local path a line ('#' starts a comment; relative paths
are relative to the file), or a directory: every git repository under it. URLs (file:// too)
are shallow-cloned into --cache-dir and updated (fetch + reset) on later runs; local paths are
scanned in place, as they are on disk. Each repository is scanned in a separate scan process
under a hard time limit (the process and its clone are killed when it is exceeded): a failure
or timeout is recorded with its error and the run goes on. --workers is ignored with --scheduler.

Each repository's outcome is committed to the history as soon as it arrives. A run that was
interrupted (Ctrl-C, kill, reboot) is continued with --resume, which skips the repositories it
already recorded; without --resume a new run starts (so a weekly job never folds into an old
run by accident).

exit codes: 0 every repository scanned; 2 some repository failed or timed out (the run is
still complete and recorded), or a usage/configuration error; 130 interrupted. Findings do not
change the exit code: the report is the product of an org run.
"""

REPORT_HELP = """\
Writes a report of the last finished run in the history: repositories ranked by risk score
(10 x critical + 5 x high + 2 x medium + 1 x low findings), NIST AI RMF coverage across the
org, top rules, trends over recent runs, and findings new and fixed since the previous run.
The format follows the extension of --output: .html (self-contained, inline SVG charts), .md or
.json (schema: scanner/schemas/org-report.schema.json).
"""


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fmt = argparse.RawDescriptionHelpFormatter
    org = sub.add_parser("org", help="org-wide scans, history and reports", description=ORG_HELP, formatter_class=fmt)
    org_sub = org.add_subparsers(dest="org_command", metavar="COMMAND", required=True)

    scan = org_sub.add_parser(
        "scan", help="scan many repositories into the history", description=SCAN_HELP, formatter_class=fmt
    )
    scan.add_argument("--repos", type=Path, required=True, metavar="FILE|DIR", help="repository list file or directory")
    scan.add_argument("--db", type=Path, required=True, metavar="FILE", help="SQLite history (created when missing)")
    scan.add_argument(
        "--workers", type=_positive_int, default=2, metavar="N", help="local worker processes (default 2)"
    )
    scan.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster (e.g. tcp://host:8786) instead")
    scan.add_argument("--cache-dir", type=Path, metavar="D", help="clone cache (default ~/.cache/mlcomply/org)")
    scan.add_argument(
        "--timeout", type=_positive_float, default=600.0, metavar="S", help="per repository (default 600)"
    )
    scan.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        type=lower,
        default="high",
        help="findings at or above this fail the NIST subcategories they map to (default high)",
    )
    scan.add_argument(
        "--config",
        type=Path,
        metavar="F",
        help="the scan config for every repository (rules, rule options, suppression settings; see README)",
    )
    scan.add_argument("--resume", action="store_true", help="continue the last run if it was interrupted")
    scan.add_argument("--no-progress", action="store_true", help="no progress bar or per-repository lines")

    report = org_sub.add_parser(
        "report", help="report the last run of the history", description=REPORT_HELP, formatter_class=fmt
    )
    report.add_argument("--db", type=Path, required=True, metavar="FILE", help="SQLite history written by org scan")
    report.add_argument("--output", type=Path, required=True, metavar="F", help="F.html, F.md or F.json")
    report.add_argument("--runs", type=_positive_int, default=12, metavar="N", help="runs shown in trends (default 12)")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def run(args: argparse.Namespace) -> int:
    if args.org_command == "scan":
        return _scan(args)
    return _report(args)


def _scan(args: argparse.Namespace) -> int:
    from scanner.org.history import History
    from scanner.org.runner import Settings
    from scanner.org.runner import run as run_org
    from scanner.org.sources import default_cache_dir, load_sources

    if args.config is not None:
        from scanner.org.repo_scan import ScanSetup

        ScanSetup.from_config(args.config)  # a bad config is a usage error now, not one per repository
    specs = load_sources(args.repos)
    settings = Settings(
        repos=str(args.repos),
        workers=args.workers,
        scheduler=args.scheduler,
        cache_dir=(args.cache_dir or default_cache_dir()).resolve(),
        timeout=args.timeout,
        fail_on=args.fail_on,
        config=args.config.resolve() if args.config else None,
    )
    history = History(args.db)
    try:
        summary = run_org(specs, history, settings, resume=args.resume, progress=not args.no_progress)
        # Failures of the whole run, including those recorded before a resume.
        failed = [r for r in history.repo_runs(summary.run_id) if r["status"] != "ok"]
    finally:
        history.close()
    how = (
        f"resumed run {summary.run_id}, {summary.skipped} already done" if summary.resumed else f"run {summary.run_id}"
    )
    print(f"mlcomply org: {how}: {len(summary.outcomes)} scanned, {len(failed)} failed")
    for row in failed:
        print(console_text(f"  {row['repo']}: {row['status']}: {row['error']}"))
    return 2 if failed else 0


def _report(args: argparse.Namespace) -> int:
    import sqlite3

    from scanner.errors import FatalError
    from scanner.org.history import History
    from scanner.org.report import build_report
    from scanner.org.writers import write_report

    suffix = args.output.suffix.lower()
    if suffix not in (".html", ".md", ".json"):
        raise FatalError(f"write report {args.output}: unknown format {suffix!r}; use .html, .md or .json")
    if not args.db.exists():
        raise FatalError(f"read history {args.db}: no such file")
    history = History(args.db)
    try:
        report = build_report(history, args.runs)
    except sqlite3.Error as exc:  # tables or columns missing: the message names them
        raise FatalError(f"read history {args.db}: malformed: {exc}") from None
    except (ValueError, TypeError, KeyError) as exc:  # a row that is not what org scan writes
        raise FatalError(f"read history {args.db}: malformed: unexpected content ({type(exc).__name__})") from None
    finally:
        history.close()
    write_report(report, args.output)
    print(f"mlcomply org: report of run {report['run']['id']} written to {args.output}")
    return 0

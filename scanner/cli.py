"""Command line. One place owns exit codes: 0 clean, 1 findings at/above --fail-on, 2 errors."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scanner import __version__
from scanner.cli_args import Parser, lower
from scanner.errors import FatalError
from scanner.secrets.redact import redact_text
from scanner.severity import CATEGORIES, SEVERITIES
from scanner.writers.escape import console_text

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

EPILOG = """\
exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on; in a --diff-base or --files-only scan also a scan error on a
     file the change adds or modifies (or a named file), counted as a high finding; with
     --strict any scan error
  2  usage, configuration, policy or engine error (outputs are still written when possible)

examples:
  mlcomply scan                              scan the current directory
  mlcomply scan infra/ --fail-on critical    fail only on critical findings
  mlcomply scan . --sarif-output mlcomply.sarif --json-output results.json
  mlcomply scan main.tf dvc.yaml             scan named files
  mlcomply scan --files-only main.tf         report on main.tf, with the whole repo as context
  mlcomply scan --diff-base origin/main      fail only on what this branch adds
  mlcomply baseline create --output .mlcomply-baseline.json
  mlcomply scan --baseline .mlcomply-baseline.json
  mlcomply baseline migrate .mlcomply-baseline.json   rewrite a format-1 baseline (v1 fingerprints) as v2
  mlcomply scan . --exclude vendor/ --exclude '*.min.js'   do not report on these (gitignore-style)
  mlcomply scan . --format github            findings as GitHub Actions annotations (also: text, compact,
                                             json, sarif; default text on a terminal, compact in a pipe)
  mlcomply rules MLC-AWS-S3-002              one rule in full: description, fix, references, examples
  mlcomply rules --category secrets --severity high
  mlcomply rules --format json               every rule's metadata
  mlcomply rules --nist                      rules by NIST AI RMF subcategory
  mlcomply rules --atlas                     rules by MITRE ATLAS technique
  mlcomply scan . --report-output nist.html  NIST AI RMF report (.md, .html or .json)
  mlcomply report results.json --output nist.md   the report from saved --json-output results
  mlcomply test-policies my-policies/        run the *_test.rego tests of your policies
  mlcomply evidence init                     template of .mlcomply-evidence.yaml: attestations the report shows
  mlcomply org scan --repos repos.txt --db org.sqlite && mlcomply org report --db org.sqlite --output r.html
"""

SCAN_HELP = """\
Walks PATH (a directory, or several files), loads Terraform root modules, YAML, JSON and text
files, evaluates the built-in Rego policies and Python rules plus any you name, and prints a
summary. Inside a git checkout only tracked and untracked-but-not-ignored files are scanned and
paths are relative to the top of the checkout. Files that cannot be parsed are reported as scan
errors, and every other file is still scanned; they change the exit code only on the files a
--diff-base or --files-only scan judges (the change cannot pass by making its own file
unreadable), or anywhere with --strict.

With --diff-base the config, ignore file and baseline are read as the merge base has them, and
suppressions the change adds to itself are not honoured (--trust-pr-suppressions: they are).

Rules from the scanned repository are never run unless you name their folder with
--policy-dir/--rules-dir or in your --config file.
"""


def _parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="mlcomply",
        description="Policy-as-code compliance scanner for ML repositories and their infrastructure: "
        "Terraform, ML pipelines, model cards, provenance, secrets; SARIF and NIST AI RMF output.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"mlcomply {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    scan = sub.add_parser(
        "scan",
        help="scan a repository or files",
        description=SCAN_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG,
    )
    scan.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="directory or files (default: .)")
    scan.add_argument("--sarif-output", type=Path, metavar="F", help="write SARIF 2.1.0 to F")
    scan.add_argument(
        "--json-output",
        type=Path,
        metavar="F",
        help="write the JSON results document to F (with the datasets' Merkle digests and its own digest)",
    )
    scan.add_argument(
        "--attestation-output",
        type=Path,
        metavar="F",
        help="write an unsigned in-toto v1 statement of the scan to F: subjects are the scanned files "
        "and the datasets' Merkle roots; the predicate holds settings, rule set, summary, results digest",
    )
    scan.add_argument(
        "--report-output",
        type=Path,
        metavar="F",
        help="write the NIST AI RMF report to F: Markdown, HTML or JSON by F's extension "
        "(.md, .html, .json); a finding at or above --fail-on makes its subcategories fail",
    )
    scan.add_argument(
        "--fail-on",
        choices=[*SEVERITIES, "none"],
        type=lower,
        default=None,
        help="exit 1 when a finding has this severity or higher (default: high; config: fail_on)",
    )
    scan.add_argument("--config", type=Path, metavar="F", help="YAML config file (see README)")
    _add_profile_option(scan)
    scan.add_argument(
        "--policy-dir",
        type=Path,
        action="append",
        default=[],
        metavar="D",
        help="also evaluate the Rego policies under D (repeatable)",
    )
    scan.add_argument(
        "--rules-dir",
        type=Path,
        action="append",
        default=[],
        metavar="D",
        help="also run the Python rules under D (repeatable)",
    )
    scan.add_argument("--no-builtin", action="store_true", help="evaluate only the policies and rules you name")
    scan.add_argument(
        "--max-file-bytes",
        type=int,
        metavar="N",
        help="files larger than N bytes are not loaded: a scan error of kind limit (default: 5 MiB)",
    )
    scan.add_argument(
        "--since",
        metavar="REF",
        help="also report secrets in lines added by the commits REF..HEAD, even if removed since",
    )
    scan.add_argument("-q", "--quiet", action="store_true", help="print only the summary line (text and compact)")
    _add_output_options(scan)
    _add_speed_options(scan)
    tf = scan.add_argument_group("terraform and extra engines")
    tf.add_argument(
        "--var-file",
        type=Path,
        action="append",
        default=[],
        metavar="F",
        help="Terraform variable file for every root module, after terraform.tfvars and *.auto.tfvars "
        "(repeatable; later files win)",
    )
    tf.add_argument(
        "--terraform-plan",
        type=Path,
        action="append",
        default=[],
        metavar="PLANFILE",
        help="also scan a plan: a saved plan file is read with `terraform show -json` (needs terraform "
        "on PATH, run in the plan's directory), or plan JSON directly",
    )
    tf.add_argument(
        "--engine",
        action="append",
        choices=["checkov"],
        default=[],
        help="also run this external engine and merge its findings (checkov: ids stay CKV_*)",
    )
    tf.add_argument("--checkov-bin", metavar="PATH", help="checkov executable (default: $MLCOMPLY_CHECKOV, then PATH)")
    tf.add_argument("--opa-url", metavar="URL", help="evaluate the Rego policies on this OPA server")
    _add_filter_options(scan)
    scan.add_argument("--baseline", type=Path, metavar="F", help="report only findings not in baseline F")
    scan.add_argument(
        "--diff-base",
        metavar="REF",
        help="report and fail only on findings new since the merge base with REF, or on changed lines",
    )
    scan.add_argument(
        "--files-only",
        action="store_true",
        help="PATHs are files to report on; the repository around them is still loaded (pre-commit)",
    )
    scan.add_argument(
        "--trust-pr-suppressions",
        action="store_true",
        help="with --diff-base, honour suppressions the change adds (inline comments, ignore-file "
        "entries) and read the ignore file and baseline from the working tree",
    )
    scan.add_argument(
        "--strict",
        action="store_true",
        help="any scan error (not a note) fails the scan like a high finding",
    )
    from scanner.inventory.commands import add_scan_options as add_inventory_options

    add_inventory_options(scan)

    base = sub.add_parser("baseline", help="accept the current findings: later scans report only new ones")
    base_sub = base.add_subparsers(dest="baseline_command", metavar="ACTION", required=True)
    create = base_sub.add_parser(
        "create",
        help="write a baseline of the current findings",
        description="Scans PATH like `scan` and writes the fingerprints of its unsuppressed findings, "
        "with the settings used, to --output. Use it with `mlcomply scan --baseline F`.",
    )
    create.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="directory or files (default: .)")
    create.add_argument("--output", type=Path, required=True, metavar="F", help="baseline file to write")
    _add_baseline_scan_options(create)
    migrate = base_sub.add_parser(
        "migrate",
        help="rewrite a format-1 baseline (mlcomply/v1 fingerprints) as format 2 (mlcomply/v2)",
        description="Scans PATH like `baseline create` with --baseline OLD, and writes the findings OLD "
        "accepts with their v2 fingerprints to --output (default: OLD itself). v1 fingerprints of "
        "secrets were a plain SHA-256 of the secret; none is carried over. Entries that match no "
        "finding of the scan are dropped (and counted).",
    )
    migrate.add_argument("old", type=Path, metavar="OLD", help="the format-1 baseline file")
    migrate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="directory or files (default: .)")
    migrate.add_argument("--output", type=Path, metavar="F", help="where to write format 2 (default: OLD)")
    _add_baseline_scan_options(migrate)

    rules = sub.add_parser(
        "rules",
        help="list the rules, or show one in full",
        description="Lists the rules and their metadata; with IDs (or aliases), shows each in full: "
        "title, severity, category, NIST AI RMF subcategories, description, remediation, references, "
        "a bad and a good example, aliases. The same pages are under docs/rules/ in the repository.",
    )
    rules.add_argument("ids", nargs="*", metavar="ID", help="rules to show in full (ids or aliases, any case)")
    rules.add_argument("--format", choices=["text", "json", "markdown"], type=lower, default="text")
    rules.add_argument("--category", choices=CATEGORIES, type=lower, help="list only the rules of this category")
    rules.add_argument("--severity", choices=SEVERITIES, type=lower, help="list only the rules of this severity")
    by = rules.add_mutually_exclusive_group()
    by.add_argument("--nist", action="store_true", help="list the rules by NIST AI RMF subcategory")
    by.add_argument("--atlas", action="store_true", help="list the rules by MITRE ATLAS technique")
    rules.add_argument(
        "--policy-dir", type=Path, action="append", default=[], metavar="D", help="also your Rego policies under D"
    )
    rules.add_argument(
        "--rules-dir", type=Path, action="append", default=[], metavar="D", help="also your Python rules under D"
    )

    report = sub.add_parser(
        "report",
        help="render the NIST AI RMF report from a results file",
        description="Renders the NIST AI RMF 1.0 report from a results document written by "
        "`mlcomply scan --json-output`; the same report `scan --report-output` writes.",
    )
    report.add_argument("results", type=Path, metavar="RESULTS", help="the results JSON file")
    report.add_argument(
        "--output", "-o", type=Path, required=True, metavar="F", help="report file: .md, .html or .json"
    )
    report.add_argument(
        "--fail-on",
        choices=[*SEVERITIES, "none"],
        type=lower,
        default="high",
        help="findings at or above this severity make a subcategory fail; use the scan's --fail-on (default: high)",
    )

    tests = sub.add_parser(
        "test-policies",
        help="run the test_* rules of *_test.rego files",
        description="Loads every .rego file under DIR (default: the built-in policies) with the "
        "built-in lib/ helpers and evaluates each test_* rule in *_test.rego files; a test passes "
        "when it is true. Prints failures and an 'N passed, N failed' line; exit 1 on any failure.",
    )
    tests.add_argument("dirs", nargs="*", type=Path, metavar="DIR")
    tests.add_argument("-v", "--verbose", action="store_true", help="list passing tests too")

    verify = sub.add_parser(
        "verify",
        help="check saved results (and an attestation) against the tree: what changed since the scan",
        description="Checks RESULTS (written by `scan --json-output`) against its own recorded digest, "
        "and recomputes each recorded dataset's files and Merkle root in PATH (default: the scan's "
        "root), naming every file changed, added or removed. With --attestation F it also recomputes "
        "the statement's subjects (files and datasets), lists files not attested, and compares the "
        "attested results digest with RESULTS. A DSSE envelope's signatures are not checked here: "
        "use cosign (README). Exit 0: nothing differs; 1: something does; 2: unreadable input.",
    )
    verify.add_argument(
        "inputs",
        nargs="*",
        type=Path,
        metavar="RESULTS|PATH",
        help="the results JSON file and/or the scanned folder (a folder is PATH, a file is RESULTS)",
    )
    verify.add_argument(
        "--attestation", type=Path, metavar="F", help="the in-toto statement (plain or in a DSSE envelope)"
    )

    from scanner.org.commands import add_parser as add_org_parser

    add_org_parser(sub)
    from scanner.evidence.commands import add_parser as add_evidence_parser

    add_evidence_parser(sub)
    from scanner.inventory.commands import add_parser as add_bom_parser

    add_bom_parser(sub)
    return p


def _add_output_options(p: argparse.ArgumentParser) -> None:
    from scanner.console.output import FORMATS

    p.add_argument(
        "--format",
        choices=FORMATS,
        type=lower,
        default=None,
        help="what stdout gets: text (for people: title, fix and doc link per finding, colour, summary "
        "table), compact (two stable lines per finding), json, sarif, or github (workflow annotations); "
        "default: text on a terminal, compact otherwise",
    )
    p.add_argument(
        "--show-all",
        action="store_true",
        help="text format: list every finding (identical findings in many files, and many findings of one "
        "rule in one file, are otherwise shown once with a count)",
    )


def _add_baseline_scan_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, metavar="F", help="YAML config file (see README)")
    _add_profile_option(p)
    p.add_argument("--policy-dir", type=Path, action="append", default=[], metavar="D")
    p.add_argument("--rules-dir", type=Path, action="append", default=[], metavar="D")
    p.add_argument("--no-builtin", action="store_true")
    p.add_argument("--max-file-bytes", type=int, metavar="N")
    _add_filter_options(p)


def _add_speed_options(p: argparse.ArgumentParser) -> None:
    speed = p.add_argument_group("speed")
    speed.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N|auto",
        help="processes for Terraform root modules, this one included (default: config `jobs`, else auto: "
        "one per two usable cores, since each keeps about two busy with its tfparse process; workers "
        "start only for repositories with enough root modules); the output is the same whatever N",
    )
    speed.add_argument(
        "--cache-dir", type=Path, metavar="DIR", help="keep Terraform results here (default: ~/.cache/mlcomply)"
    )
    speed.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")


def _jobs(text: str) -> int | str:
    if text == "auto":
        return text
    try:
        return _positive_int(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"expected auto or a whole number of at least 1, got {text!r}") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _add_profile_option(p: argparse.ArgumentParser) -> None:
    from scanner.metadata import PROFILES

    p.add_argument(
        "--profile",
        choices=PROFILES,
        default=None,
        help="strict also runs the policy-choice rules (customer-managed keys, versioning, access "
        "logging...) listed with profile strict by `mlcomply rules` (default: default; config: profile)",
    )


def _add_filter_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="do not report on files matching GLOB, gitignore-style (repeatable; config: exclude); they are "
        "still loaded, so a Terraform module in vendor/ called from infra/ still counts",
    )
    p.add_argument(
        "--ignore-file",
        type=Path,
        metavar="F",
        help="suppressions file (default: .mlcomply-ignore.yaml at the scan root; config: ignore_file)",
    )


def _write_json(path: Path, doc: Any) -> None:
    from scanner.writers.json_bytes import dumps
    from scanner.writers.safe_file import write_output  # never through a link (see the module)

    write_output(path, dumps(doc))


def _cmd_scan(args: argparse.Namespace) -> int:
    from scanner import speed
    from scanner.console.output import default_format, write_console
    from scanner.console.progress import ScanProgress
    from scanner.console.progress import wanted as progress_wanted
    from scanner.filters import stage as filters
    from scanner.filters import trusted
    from scanner.filters.errorgate import SEVERITY, failing_errors
    from scanner.fingerprints import keys_from_env
    from scanner.rulesets import load_ruleset
    from scanner.scan import DEFAULT_MAX_FILE_BYTES, ScanResult, scan
    from scanner.severity import at_or_above
    from scanner.terraform.plan import load_plan
    from scanner.walk import scan_root
    from scanner.writers.json_out import to_json

    if args.report_output:
        from scanner.writers.nist_report import writer_for

        writer_for(args.report_output)  # an unknown extension is a usage error before the scan
    check_paths(args)  # before any config, rule or policy folder is read
    _check_scan_args(args)
    if _may_hold_terraform(args):
        from scanner.terraform.worker import prestart

        prestart()
    notes: list[str] = []
    diff_base = getattr(args, "diff_base", None)
    # A diff scan judges the working tree: what may loosen the gate is read at the merge base.
    paths = filters.scan_paths(args)  # once: with --files-only it asks git for the top level
    base = trusted.open_base(paths[0], diff_base) if diff_base else None
    root = scan_root(paths) if args.config else None
    config = trusted.config(args.config, base, notes, root)
    # The key's variable is named by the trusted config only (at the merge base in a diff scan).
    secret_keys = keys_from_env(config.fingerprint_key_env, os.environ, notes)
    fail_on = args.fail_on or config.fail_on or "high"
    with _no_collection():
        ruleset = load_ruleset(
            [*config.policy_dirs, *args.policy_dir],
            [*config.rules_dirs, *args.rules_dir],
            builtin=not args.no_builtin,
            rego_backend=_opa_backend(args.opa_url),
        )
    ruleset.configure(config, source=str(args.config), profile=args.profile)
    max_bytes = args.max_file_bytes or config.max_file_bytes or DEFAULT_MAX_FILE_BYTES
    plans = [load_plan(p) for p in args.terraform_plan]
    progress = ScanProgress(sys.stderr) if progress_wanted(sys.stderr, args.quiet) else None
    changed = _incremental_diff(args, paths, diff_base)
    jobs, cache = speed.settings(args, config, paths, notes)
    result = scan(
        paths,
        ruleset,
        max_bytes,
        config.rule_options,
        progress,
        var_files=args.var_file,
        extra_documents=plans,
        budgets=config.budgets,
        provenance_vocabulary=config.provenance_vocabulary,
        secret_keys=secret_keys,
        # The hook's named files: load only what can change their findings (scanner.incremental).
        focus=args.paths if getattr(args, "files_only", False) and not args.since else None,
        changed=changed,
        jobs=jobs,
        cache=cache,
    )
    if progress is not None:
        progress.close()
    if args.since:
        from scanner.secrets.history import add_history

        add_history(result, ruleset, args.since, args.paths, secret_keys)
    if "checkov" in args.engine:
        _merge_checkov(result, args.checkov_bin)

    rejudge = result.rejudged or ()

    def rescan(paths: list[Path]) -> ScanResult:  # the merge-base tree, for --diff-base
        return scan(
            paths,
            ruleset,
            max_bytes,
            config.rule_options,
            var_files=args.var_file,
            budgets=config.budgets,
            provenance_vocabulary=config.provenance_vocabulary,
            secret_keys=secret_keys,
            # Only what the change can affect: the gate takes every other finding as the base's.
            changed=changed,
            load_changed_only=True,
            rejudge=rejudge,
            jobs=jobs,
            cache=cache,
        )

    result = filters.apply(result, args, config, rescan, notes, base=base)
    if args.json_output or getattr(args, "attestation_output", None):
        from scanner.integrity.scan_outputs import add_dataset_digests

        add_dataset_digests(result, config)
    for note in notes:
        print(f"mlcomply: note: {console_text(note)}", file=sys.stderr)
    if args.command == "baseline":
        return _write_baseline(args, result, filters.settings(args, config, result))
    if args.sarif_output:
        from scanner.inventory.commands import link_bom
        from scanner.writers.sarif import to_sarif  # with its taxonomies, only when SARIF is asked for

        sarif = to_sarif(result)
        link_bom(sarif, args)
        _write_json(args.sarif_output, sarif)
    if args.json_output:
        _write_json(args.json_output, to_json(result))
    from scanner.inventory.commands import write_outputs

    write_outputs(result, args)
    if getattr(args, "attestation_output", None):
        from scanner.integrity.scan_outputs import scan_statement

        base_settings = filters.settings(args, config, result)
        _write_json(args.attestation_output, scan_statement(args, config, result, to_json(result), base_settings))
    if args.report_output:
        from scanner.writers.nist_report import write_report

        write_report(to_json(result), args.report_output, fail_on)
    fmt = args.format or default_format(sys.stdout)
    if args.quiet and fmt in ("text", "compact"):
        active = sum(f.suppression is None for f in result.findings)
        print(f"mlcomply: {active} finding(s), {len(result.errors)} scan error(s)")
    else:
        write_console(result, sys.stdout, fmt, fail_on, args.show_all)
    if result.engine_failed:
        print("mlcomply: error: a rule failed to evaluate; see the scan errors", file=sys.stderr)
        return EXIT_ERROR
    failing = [f for f in result.findings if f.suppression is None and at_or_above(f.severity, fail_on)]
    bad_errors = failing_errors(
        result.errors, result.judged, getattr(args, "strict", False), config.fail_on_scan_errors
    )
    if bad_errors and at_or_above(SEVERITY, fail_on):
        why = "--strict" if getattr(args, "strict", False) else "on files this scan judges (changed or named)"
        print(f"mlcomply: {len(bad_errors)} scan error(s) {why} fail the scan like a high finding", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_FINDINGS if failing else EXIT_OK


def _incremental_diff(args: argparse.Namespace, paths: list[Path], diff_base: str | None) -> list[str] | None:
    """What a diff scan's change touched: the working tree is scanned whole (its output lists
    every finding), the merge base only where the change can alter findings. None for a scan
    that needs every finding at the base too (not a diff scan, history, checkov, --files-only)."""
    if not diff_base or args.since or "checkov" in args.engine or getattr(args, "files_only", False):
        return None
    from scanner.filters.diffgate import touched_paths

    return touched_paths(paths[0], diff_base)


def check_paths(args: argparse.Namespace) -> None:
    """Every PATH must exist before anything else happens. pre-commit appends file names to the
    hook's entry, and a tracked file may be named like an option (`--rules-dir=evil`): the hooks'
    entries end with `--`, so such a name is a PATH, and a PATH that does not exist stops the
    scan here, before a config, rule or policy folder is read, let alone imported."""
    for p in args.paths:
        if not p.exists() and not p.is_symlink():
            raise FatalError(f"check paths: {p}: no such file or directory")
    for d in [*args.rules_dir, *args.policy_dir]:
        if not d.exists():
            raise FatalError(f"check paths: {d}: no such file or directory")


def _check_scan_args(args: argparse.Namespace) -> None:
    """Usage errors argparse cannot see: each one line, before any work is done."""
    if args.max_file_bytes is not None and args.max_file_bytes < 1:
        raise FatalError(f"--max-file-bytes {args.max_file_bytes}: must be at least 1")
    for path in args.var_file:
        if not path.is_file():
            raise FatalError(f"--var-file {path}: no such file")
    for option in ("since", "diff_base"):
        ref = getattr(args, option, None)
        # git would read a ref that starts with "-" as an option (`--output=x` writes a file).
        if ref is not None and (not ref.strip() or ref.startswith("-")):
            why = "it must not start with '-'" if ref.strip() else "it is empty"
            raise FatalError(f"--{option.replace('_', '-')} {ref!r}: not a git revision ({why})")


def _opa_backend(url: str | None) -> Any:
    if not url:
        return None
    from scanner.engines.opa_server import OpaServerBackend

    return OpaServerBackend(url)


def _merge_checkov(result: Any, binary: str | None) -> None:
    from scanner.engines import checkov
    from scanner.findings import Finding

    metas, findings, errors = checkov.run(result.root, checkov.find_checkov(binary), result.rules)
    result.rules = sorted([*result.rules, *metas], key=lambda m: m.id)
    result.findings = sorted([*result.findings, *findings], key=Finding.sort_key)
    result.errors.extend(errors)
    result.engine_failed = result.engine_failed or bool(errors)


def _may_hold_terraform(args: argparse.Namespace) -> bool:
    """Cheap guess from the command line alone: a folder, or a named Terraform file."""
    paths = args.paths or [Path(".")]
    return any(p.is_dir() or p.name.endswith((".tf", ".tf.json", ".tfvars")) for p in paths)


def _cmd_baseline(args: argparse.Namespace) -> int:
    # `baseline create` is a scan written as a baseline: every other scan option keeps its default.
    # `baseline migrate OLD` is a scan with `--baseline OLD` writing the findings OLD accepted.
    scan_args = vars(_parser().parse_args(["scan"]))
    scan_args.update(vars(args))
    if args.baseline_command == "migrate":
        from scanner.filters import baseline

        old = baseline.load(args.old)
        if old.version >= baseline.FORMAT_VERSION:
            print(f"mlcomply: baseline {args.old} is already format {old.version}; nothing to migrate")
            return EXIT_OK
        scan_args.update(baseline=args.old, output=args.output or args.old)
    return _cmd_scan(argparse.Namespace(**scan_args))


def _write_baseline(args: argparse.Namespace, result: Any, settings: dict[str, Any]) -> int:
    from scanner.filters import baseline

    if args.baseline_command == "create":
        _write_json(args.output, baseline.to_dict(result.findings, settings))
        active = sum(f.suppression is None for f in result.findings)
        print(f"mlcomply: baseline of {active} finding(s) written to {args.output}")
        return EXIT_OK
    old = baseline.load(args.old)
    doc = baseline.migrated(result.findings, settings)
    accepted = [f for f in result.findings if f.suppression is not None and f.suppression.kind == "baseline"]
    matched = {f.fingerprint_v1 for f in accepted}
    dropped = len(old.fingerprints - matched)
    _write_json(args.output, doc)
    print(
        f"mlcomply: migrated baseline {args.old} to {args.output}: format 1 -> {baseline.FORMAT_VERSION}, "
        f"fingerprints mlcomply/v1 -> mlcomply/v2. v1 keyed a secret by its plain SHA-256 (anyone could "
        f"confirm a guessed secret); v2 keys it with {settings['secret_fingerprints']} and adds the calling "
        f"root module to findings in shared modules. {len(doc['findings'])} accepted finding(s) kept; "
        f"{dropped} v1 entr{'y' if dropped == 1 else 'ies'} matched no unsuppressed finding of this scan and "
        f"{'was' if dropped == 1 else 'were'} dropped."
    )
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    from scanner.ruledocs.command import run
    from scanner.rulesets import load_ruleset

    run(args, load_ruleset(args.policy_dir, args.rules_dir).metas, sys.stdout)
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from scanner.nist.results import load_results
    from scanner.writers.nist_report import write_report, writer_for

    writer_for(args.output)
    write_report(load_results(args.results), args.output, args.fail_on)
    return EXIT_OK


def _cmd_test_policies(args: argparse.Namespace) -> int:
    from scanner.builtin import builtin_dir
    from scanner.policytest import report, run_policy_tests

    builtin = builtin_dir("rego")
    dirs = args.dirs or [builtin]
    # User policies may import data.lib.*: the built-in lib is loaded beside them (not its tests).
    outcomes = run_policy_tests(dirs, extra=[builtin / "lib"])
    return report(outcomes, sys.stdout, args.verbose)


def _cmd_verify(args: argparse.Namespace) -> int:
    from scanner.integrity.verify import run

    files = [p for p in args.inputs if not p.is_dir()]
    folders = [p for p in args.inputs if p.is_dir()]
    if len(files) > 1 or len(folders) > 1:
        raise FatalError("verify: give at most one RESULTS file and one PATH folder")
    if not files and args.attestation is None:
        raise FatalError("verify: nothing to verify: give a RESULTS file, --attestation F, or both")
    outcome = run(files[0] if files else None, args.attestation, folders[0] if folders else None)
    for note in outcome.notes:
        print(f"mlcomply: note: {console_text(note)}", file=sys.stderr)
    for line in outcome.differences:
        print(console_text(line))
    if outcome.differences:
        print(f"mlcomply: verify: {len(outcome.differences)} difference(s) in {outcome.checked} check(s)")
        return EXIT_FINDINGS
    print(f"mlcomply: verify: {outcome.checked} check(s), nothing differs")
    return EXIT_OK


def _cmd_evidence(args: argparse.Namespace) -> int:
    from scanner.evidence.commands import run

    return run(args)


def _cmd_bom(args: argparse.Namespace) -> int:
    from scanner.inventory.commands import run_bom

    return run_bom(args)


def _cmd_org(args: argparse.Namespace) -> int:
    from scanner.org.commands import run

    return run(args)


@contextmanager
def _no_collection() -> Iterator[None]:
    """No cyclic garbage collection while start-up imports modules and loads rules: what they
    allocate lives as long as the command, so collecting found nothing and, with every later
    collection walking it again, cost several percent of a pre-commit run. It is frozen out of
    the collector's sight until main() returns (gc.unfreeze there: a process calling main()
    many times, as the tests do, gets it all collectable again)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


# Young-generation collections every 20,000 allocations instead of CPython's 700: a scan allocates
# millions of short-lived dicts and lists that reference counting frees, and the collector's
# passes over them cost ~15% of a pre-commit run (bench/run.py, precommit row: median 0.53 s ->
# 0.45 s). Older generations keep their ratios, so cycles are still collected.
GC_THRESHOLDS = (20_000, 10, 10)


def main(argv: Sequence[str] | None = None) -> int:
    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return _main(argv)
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)  # a process calling main() many times (the tests) gets its own back


def _main(argv: Sequence[str] | None) -> int:
    with _no_collection():  # building the parser imports the scan pipeline
        parser = _parser()
        args = parser.parse_args(argv)
    handlers = {
        "scan": _cmd_scan,
        "baseline": _cmd_baseline,
        "rules": _cmd_rules,
        "report": _cmd_report,
        "test-policies": _cmd_test_policies,
        "org": _cmd_org,
        "verify": _cmd_verify,
        "evidence": _cmd_evidence,
        "bom": _cmd_bom,
    }
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        return handlers[args.command](args)
    except FatalError as exc:
        # It may quote a file of the scanned tree (an ignore file's error): redacted, controls shown.
        print(f"mlcomply: error: {console_text(redact_text(str(exc)))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("mlcomply: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`mlcomply rules | head`): not an error of ours. Point stdout at
        # /dev/null so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception:
        print("mlcomply: internal error (please report it with the traceback below)", file=sys.stderr)
        # The exception text may quote a scanned file: secrets in it are redacted, controls shown.
        sys.stderr.write(console_text(redact_text(traceback.format_exc()), keep_newlines=True))
        return EXIT_ERROR

"""The filter stage: inline ignores → ignore file → baseline → PR gating → file gating.

Filters never drop a finding they judge: they mark it suppressed (kept in JSON, counted, left
out of SARIF). Only file gating (`--files-only`, the pre-commit hook) drops findings outright,
because findings in files a call was not given belong to another call.
"""

from __future__ import annotations

import argparse
import datetime
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from scanner.config import Config
from scanner.documents import ScanError
from scanner.errors import FatalError
from scanner.filters import exclude as exclusions
from scanner.filters import ignorefile, suppress
from scanner.filters.trusted import BaseTree
from scanner.findings import Finding
from scanner.fingerprints import keys_from_env
from scanner.scan import ScanResult
from scanner.walk import git_toplevel

if TYPE_CHECKING:
    from scanner.filters.baseline import Baseline

ScanAt = Callable[[list[Path]], ScanResult]


def scan_paths(args: argparse.Namespace) -> list[Path]:
    """What to walk. With --files-only the named files are only what to report on: the whole
    repository around them is loaded, so cross-file context (a bucket's access block in another
    file, a module's caller) is the same however pre-commit splits its file list."""
    paths: list[Path] = list(args.paths) or [Path(".")]
    if not getattr(args, "files_only", False):
        return paths
    if not args.paths:
        raise FatalError("--files-only needs the files to report on")
    top = git_toplevel(paths[0].resolve())
    return [top if top is not None else paths[0].resolve().parent]


def settings(args: argparse.Namespace, config: Config, result: ScanResult) -> dict[str, Any]:
    """What a baseline records: the inputs that decide which findings can exist."""
    rels = []
    for p in args.paths or [Path(".")]:
        absolute = p.resolve()
        rels.append(absolute.relative_to(result.root).as_posix() if absolute.is_relative_to(result.root) else str(p))
    return {
        "paths": sorted(rels),
        "rules": sorted(m.id for m in result.rules),
        "select_rules": sorted(config.select_rules),
        "skip_rules": sorted(config.skip_rules),
        "builtin": not getattr(args, "no_builtin", False),
        "max_file_bytes": getattr(args, "max_file_bytes", None) or config.max_file_bytes,
        # Another keying (a key set, removed or rotated) gives secrets other fingerprints.
        "secret_fingerprints": keys_from_env(config.fingerprint_key_env, os.environ).describe(),
    }


def apply(
    result: ScanResult,
    args: argparse.Namespace,
    config: Config,
    scan_at: ScanAt,
    notes: list[str],
    today: datetime.date | None = None,
    base: BaseTree | None = None,
) -> ScanResult:
    """`base`: the merge base of a diff scan (filters.trusted); the baseline is read from it
    and suppressions the change adds are not honoured, unless --trust-pr-suppressions."""
    today = today or datetime.date.today()
    trust_change = base is None or getattr(args, "trust_pr_suppressions", False)
    policy = suppress.Policy(config.inline_ignores == "allow", config.require_reason)
    findings = suppress.apply(result.findings, result.root, result.docs, result.rules, policy, today, notes)

    ignore_path = getattr(args, "ignore_file", None) or config.ignore_file
    refusals: list[ScanError] = []
    ignores = ignorefile.find(result.root, ignore_path, refusals)
    if ignores is not None:
        findings = ignorefile.apply(findings, ignores, result.rules, today, notes)

    # Imported on use: jsonschema and git cost ~80-120 ms each, most of a pre-commit run.
    if getattr(args, "baseline", None) is not None:
        from scanner.filters import baseline

        base_doc = _baseline(args.baseline, None if trust_change else base, notes)
        if base_doc is not None:
            migrating = getattr(args, "baseline_command", None) == "migrate"
            notes.extend(baseline.settings_drift(base_doc, settings(args, config, result), migrating))
            findings = baseline.apply(findings, base_doc)

    judged = None
    diff_base = getattr(args, "diff_base", None)
    if diff_base:
        from scanner.filters import diffgate, review

        at_base: list[ScanResult] = []

        def base_findings(paths: list[Path]) -> list[Finding]:
            at_base.append(scan_at(paths))
            return at_base[-1].findings

        state = diffgate.base_state(result.root, diff_base, scan_paths(args), base_findings)
        if at_base and at_base[0].rejudged is not None and result.rejudged is not None:
            state = replace(state, judged=at_base[0].rejudged)  # an incremental merge-base scan
        findings = diffgate.apply(findings, state, result.docs)
        if not trust_change and base is not None:
            changed = dict(state.changed)
            if ignores is not None and ignores.rel is not None:
                changed[ignores.rel] = review.ignore_file_lines(ignores, _ignores_at(base, ignores, notes))
            findings = review.apply(findings, changed)
        judged = frozenset(state.changed)

    from scanner.evidence import trusted as evidence  # what the NIST report shows as attested

    records = evidence.read(result.root, None if trust_change else base, refusals, notes, today)
    errors = sorted([*result.errors, *refusals], key=_error_order)
    result = replace(result, findings=findings, errors=errors, judged=judged, evidence=records)
    # --exclude and config `exclude:` (the config is the trusted side's in a diff scan), and
    # findings in vendored or generated files at low: scanner.filters.exclude.
    patterns = [*config.exclude, *(getattr(args, "exclude", None) or [])]
    result = exclusions.apply(result, patterns, config.demote_vendored)
    if getattr(args, "files_only", False):
        result = only_files(result, args.paths)
    return result


def _error_order(e: ScanError) -> tuple[str, int, str]:
    return (e.path, e.line or 0, e.message)


def _baseline(path: Path, base: BaseTree | None, notes: list[str]) -> Baseline | None:
    """The baseline file, as the merge base has it when it lies in the scanned checkout."""
    from scanner.filters import baseline

    rel = base.rel(path) if base is not None else None
    if base is None or rel is None:
        return baseline.load(path)
    text = base.read(rel)
    if text is None:
        notes.append(f"baseline {path}: not in the merge base {base.sha[:12]}; one only this change has is not used")
        return None
    return baseline.parse(text, f"{path} (at the merge base)")


def _ignores_at(base: BaseTree, current: ignorefile.IgnoreFile, notes: list[str]) -> ignorefile.IgnoreFile | None:
    """The ignore file as the merge base has it: its entries are the ones a diff scan honours."""
    assert current.rel is not None
    text = base.read(current.rel)
    if text is None:
        return None
    try:
        return ignorefile.parse(text, f"{current.source} (at the merge base)")
    except FatalError as exc:
        notes.append(f"{exc}; none of its entries is trusted")
        return None


def only_files(result: ScanResult, files: Sequence[Path]) -> ScanResult:
    wanted = set()
    for p in files:
        absolute = p.resolve()
        if absolute.is_relative_to(result.root):
            wanted.add(absolute.relative_to(result.root).as_posix())
    # A Terraform module's evaluation error is filed under one of its files: keep it for all.
    tf_dirs = {str(PurePosixPath(w).parent) for w in wanted if w.endswith(".tf")}

    def ours(path: str) -> bool:
        return path in wanted or (path.endswith(".tf") and str(PurePosixPath(path).parent) in tf_dirs)

    errors = [e for e in result.errors if ours(e.path)]
    judged = wanted | {e.path for e in errors}
    return replace(
        result,
        findings=[f for f in result.findings if f.path in wanted],
        errors=errors,
        judged=judged if result.judged is None else judged & result.judged,
    )

"""The filter stage: inline ignores → ignore file → baseline → PR gating → file gating.

Filters never drop a finding they judge: they mark it suppressed (kept in JSON, counted, left
out of SARIF). Only file gating (`--files-only`, the pre-commit hook) drops findings outright,
because findings in files a call was not given belong to another call.
"""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from scanner.config import Config
from scanner.documents import ScanError
from scanner.errors import FatalError
from scanner.filters import ignorefile, suppress
from scanner.scan import ScanResult
from scanner.walk import git_toplevel

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
    }


def apply(
    result: ScanResult,
    args: argparse.Namespace,
    config: Config,
    scan_at: ScanAt,
    notes: list[str],
    today: datetime.date | None = None,
) -> ScanResult:
    today = today or datetime.date.today()
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

        base = baseline.load(args.baseline)
        notes.extend(baseline.settings_drift(base, settings(args, config, result)))
        findings = baseline.apply(findings, base)

    diff_base = getattr(args, "diff_base", None)
    if diff_base:
        from scanner.filters import diffgate

        state = diffgate.base_state(result.root, diff_base, scan_paths(args), lambda paths: scan_at(paths).findings)
        findings = diffgate.apply(findings, state, result.docs)

    result = replace(result, findings=findings, errors=sorted([*result.errors, *refusals], key=_error_order))
    if getattr(args, "files_only", False):
        result = only_files(result, args.paths)
    return result


def _error_order(e: ScanError) -> tuple[str, int, str]:
    return (e.path, e.line or 0, e.message)


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

    return replace(
        result,
        findings=[f for f in result.findings if f.path in wanted],
        errors=[e for e in result.errors if ours(e.path)],
    )

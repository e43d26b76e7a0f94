"""`--exclude GLOB` and config `exclude:` (gitignore-style), and the demotion of findings in
vendored or generated files (scanner.placement).

Exclusion happens after evaluation, on purpose: an excluded file is still loaded, so a Terraform
module under `vendor/` that `infra/` calls is evaluated as part of `infra/` (a finding located in
the module's file is then not reported, but what it does to `infra/`'s resources still counts);
nothing located in an excluded file is reported, neither findings nor scan errors. In a diff
scan the patterns come from the command line and the config at the merge base (the trusted
side), so a change cannot exclude itself from its own review."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from scanner.findings import Finding
from scanner.placement import DEMOTED, third_party_reason
from scanner.scan import ScanResult
from scanner.severity import rank


def matcher(patterns: Sequence[str]) -> Any:
    """A gitignore-style matcher (pathspec), or None; imported only when there are patterns."""
    if not patterns:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def apply(result: ScanResult, patterns: Sequence[str], demote_third_party: bool = True) -> ScanResult:
    spec = matcher(patterns)
    findings, errors, excluded = result.findings, result.errors, 0
    if spec is not None:
        paths = {d.path for d in result.docs} | {f.path for f in findings} | {e.path for e in errors}
        dropped = {p for p in paths if spec.match_file(p)}
        findings = [f for f in findings if f.path not in dropped]
        errors = [e for e in errors if e.path not in dropped]
        excluded = len(dropped)
    if demote_third_party:
        findings = sorted((demoted(f) for f in findings), key=Finding.sort_key)
    return replace(result, findings=findings, errors=errors, excluded=excluded)


def demoted(f: Finding) -> Finding:
    """`f` at low with the reason when it sits in someone else's code; a finding that already
    carries its own severity (a secret demoted by its rule) keeps it."""
    reason = third_party_reason(f.path)
    props = dict(f.properties)
    if reason is None or "severity_reason" in props or rank(f.severity) <= rank(DEMOTED):
        return f
    props.update(severity_reason=reason, rule_severity=f.severity)
    return replace(f, severity=DEMOTED, properties=tuple(sorted(props.items())))

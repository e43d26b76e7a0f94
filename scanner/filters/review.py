"""Suppressions a change adds to itself are not honoured by the gate that judges that change.

In a diff scan every suppression written in the scanned tree (an inline `mlcomply:ignore`, an
inline `mlcomply:allow secrets`, any inline alias added later, an ignore-file entry) is asked one
question, by `added_by_change`: was it added by this change? Such a suppression is not honoured:
its finding is reported as new, marked NEEDS_REVIEW, whatever the merge base had. The baseline
and the config are read from the merge base (filters.trusted), so they cannot be the change's.
`--trust-pr-suppressions` (the Action's `trust-pr-suppressions: true`) turns this off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from scanner.filters.diffgate import ChangedLines
from scanner.filters.ignorefile import IgnoreFile
from scanner.findings import Finding, Suppression

NEEDS_REVIEW = "suppression added in this change: needs review"
# Suppressions the gate makes itself, from inputs read at the merge base.
_NOT_FROM_THE_TREE = frozenset({"baseline", "diff-base"})


def added_by_change(s: Suppression, changed: ChangedLines) -> bool:
    """Was this suppression added by this change? Yes when the text that makes it (its span:
    the comment and the line it covers, or the ignore-file entry) is on a line the change adds
    or modifies, and also when it cannot say where it is written: what cannot be shown to
    predate the change is not trusted."""
    if s.kind in _NOT_FROM_THE_TREE:
        return False
    if s.span is None:
        return True
    if s.span.path not in changed:
        return False
    lines = changed[s.span.path]
    return lines is None or any(s.span.line <= n <= s.span.end_line for n in lines)


def ignore_file_lines(current: IgnoreFile, at_base: IgnoreFile | None) -> frozenset[int]:
    """The lines of the ignore file this change adds, judged by what its entries say rather than
    by a line diff: an entry is the change's unless the merge base has one that says the same
    (so a YAML alias or an edited `paths:` cannot pass an old entry's lines off as unchanged)."""
    trusted = {e.key() for e in at_base.entries} if at_base is not None else set()
    return frozenset(
        n for e in current.entries if e.key() not in trusted for n in range(e.line, max(e.line, e.end_line) + 1)
    )


def apply(findings: Sequence[Finding], changed: ChangedLines) -> list[Finding]:
    out = []
    for f in findings:
        s = f.suppression
        if s is not None and added_by_change(s, changed):
            props = (*f.properties, ("needs-review", NEEDS_REVIEW), ("added-suppression", f"{s.kind} at {s.source}"))
            f = replace(
                f,
                suppression=None,
                message=f"{f.message} [{NEEDS_REVIEW}: {s.kind} at {s.source}]",
                properties=tuple(sorted(props)),
            )
        out.append(f)
    return out

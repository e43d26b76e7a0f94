"""Fewer lines for the same news: one finding copied across many files (a vendored file checked
in 22 times) is shown once with a count, and a rule firing many times in one file (8 findings
for one pickle) shows its first few. `--show-all` turns both off."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from scanner.findings import Finding

SAME_IN_FILES = 3  # a finding in this many files or more is shown once
PER_RULE_IN_FILE = 3  # findings of one rule shown per file; the rest counted


@dataclass
class Entry:
    finding: Finding
    also_in: list[str] = field(default_factory=list)  # other files with the identical finding


@dataclass
class FileGroup:
    path: str
    entries: list[Entry] = field(default_factory=list)
    hidden: dict[str, int] = field(default_factory=dict)  # rule id -> findings not shown


def group(findings: Sequence[Finding], show_all: bool) -> list[FileGroup]:
    """Findings by file (in the order given), collapsed unless `show_all`."""
    copies: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        copies[(f.rule_id, f.severity, f.message)].append(f)
    groups: dict[str, FileGroup] = {}
    for f in findings:
        entry = Entry(f)
        same = copies[(f.rule_id, f.severity, f.message)]
        paths = sorted({c.path for c in same})
        if not show_all and len(paths) >= SAME_IN_FILES:
            if f is not same[0]:
                continue  # shown once, at its first place
            entry.also_in = [p for p in paths if p != f.path]
        g = groups.setdefault(f.path, FileGroup(f.path))
        shown = sum(e.finding.rule_id == f.rule_id for e in g.entries)
        if not show_all and shown >= PER_RULE_IN_FILE:
            g.hidden[f.rule_id] = g.hidden.get(f.rule_id, 0) + 1
            continue
        g.entries.append(entry)
    return list(groups.values())

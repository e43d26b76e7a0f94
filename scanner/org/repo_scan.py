"""One repository of an org run: check it out, scan it, and reduce the results for the history."""

from __future__ import annotations

import json
import time
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from scanner.org.nist_status import nist_statuses
from scanner.org.outcome import OK, FindingRow, RepoOutcome
from scanner.org.sources import RepoSpec, checkout, head_commit
from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.severity import SEVERITIES
from scanner.writers.json_out import to_json


def summarise(name: str, results: dict[str, Any], fail_on: str) -> RepoOutcome:
    active = [f for f in results["findings"] if f["suppression"] is None]
    by_sev = Counter(f["severity"] for f in active)
    return RepoOutcome(
        name=name,
        status=OK,
        seconds=0.0,
        by_severity={s: by_sev.get(s, 0) for s in SEVERITIES},
        rule_counts=dict(sorted(Counter(f["rule_id"] for f in active).items())),
        nist=nist_statuses(results, fail_on),
        findings=[
            FindingRow(
                f["fingerprint"],
                f["rule_id"],
                f["severity"],
                f["path"],
                f["address"] or f["pointer"] or f"line {f['start_line']}",
            )
            for f in active
        ],
        results=zlib.compress(json.dumps(results, sort_keys=True).encode(), 6),
    )


def scan_repository(spec: RepoSpec, cache_dir: Path, ruleset: RuleSet, fail_on: str) -> RepoOutcome:
    started = time.perf_counter()
    root = checkout(spec, cache_dir)
    # The one scan call site: suppression filtering (inline, ignore file, baseline) plugs in
    # right after scan(), before the results document is built.
    result = scan([root], ruleset)
    outcome = summarise(spec.name, to_json(result), fail_on)
    outcome.commit = head_commit(root)
    outcome.seconds = time.perf_counter() - started
    return outcome

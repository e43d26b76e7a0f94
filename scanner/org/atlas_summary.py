"""The org report's MITRE ATLAS section: per technique, the findings and repositories under it."""

from __future__ import annotations

import json
from typing import Any

from scanner.atlas.catalog import load_catalog
from scanner.org.history import History


def atlas_summary(history: History, run_id: int) -> dict[str, Any]:
    """Techniques with at least one finding in the run, most findings first. A finding counts
    under every technique of its rule, as in the NIST report's table."""
    cat = load_catalog()
    findings: dict[str, int] = {}
    repos: dict[str, set[str]] = {}
    rules: dict[str, set[str]] = {}
    for row in history.rule_counts_by_repo(run_id):
        for tid in json.loads(row["atlas"] or "[]"):
            if tid not in cat.techniques:  # an id of an ATLAS release newer than this one
                continue
            findings[tid] = findings.get(tid, 0) + int(row["count"])
            repos.setdefault(tid, set()).add(row["repo"])
            rules.setdefault(tid, set()).add(row["rule_id"])
    return {
        "version": cat.version,
        "techniques": [
            {
                "id": tid,
                "name": cat.label(tid).partition(" ")[2],
                "tactics": cat.tactic_names(tid),
                "url": cat.techniques[tid].url,
                "findings": findings[tid],
                "repos": len(repos[tid]),
                "rules": sorted(rules[tid]),
            }
            for tid in sorted(findings, key=lambda t: (-findings[t], t))
            if findings[tid] > 0
        ],
    }

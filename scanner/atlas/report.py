"""The per-technique table of the NIST report: each ATLAS technique the scan's rules map to, with
its findings and rules. Computed from the results document alone, like the rest of the report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scanner.atlas.catalog import load_catalog
from scanner.severity import at_or_above


@dataclass(frozen=True)
class TechniqueRow:
    id: str
    name: str  # "AI Supply Chain Compromise: Model"
    tactics: tuple[str, ...]
    url: str
    rules: tuple[str, ...]  # the scan's rules mapped to it
    findings: int  # not suppressed
    failing: int  # not suppressed, at or above the threshold
    suppressed: int


def technique_rows(results: Mapping[str, Any], threshold: str) -> tuple[TechniqueRow, ...]:
    """Techniques of the results' rules, by id. A finding counts under its own `atlas` ids; results
    written before findings carried them fall back to their rule's mapping."""
    cat = load_catalog()
    rule_atlas = {m["id"]: tuple(m.get("atlas", ())) for m in results["rules"]}
    rules: dict[str, list[str]] = {}
    for rid, techniques in sorted(rule_atlas.items()):
        for tid in techniques:
            rules.setdefault(tid, []).append(rid)
    counts: dict[str, list[int]] = {tid: [0, 0, 0] for tid in rules}
    for f in results["findings"]:
        techniques = f["atlas"] if "atlas" in f else rule_atlas.get(f["rule_id"], ())
        for tid in techniques:
            c = counts.setdefault(tid, [0, 0, 0])
            if f.get("suppression"):
                c[2] += 1
            else:
                c[0] += 1
                c[1] += at_or_above(f["severity"], threshold)
    return tuple(
        TechniqueRow(
            id=tid,
            name=cat.label(tid).partition(" ")[2],
            tactics=tuple(cat.tactic_names(tid)),
            url=cat.techniques[tid].url,
            rules=tuple(rules.get(tid, ())),
            findings=counts[tid][0],
            failing=counts[tid][1],
            suppressed=counts[tid][2],
        )
        for tid in sorted(counts)
        if tid in cat.techniques  # an id of a newer ATLAS release than this one ships: not labelled
    )

"""Rules by MITRE ATLAS technique: `mlcomply rules --atlas`, the rule index page and the reports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scanner.atlas.catalog import load_catalog
from scanner.metadata import RuleMeta


def by_technique(metas: Sequence[RuleMeta]) -> list[dict[str, Any]]:
    """The techniques at least one active rule maps to, in ATLAS id order, with those rules."""
    cat = load_catalog()
    rules: dict[str, list[str]] = {}
    for m in sorted(metas, key=lambda m: m.id):
        if m.deprecated:
            continue
        for tid in m.atlas:
            rules.setdefault(tid, []).append(m.id)
    return [
        {
            "id": tid,
            "name": cat.label(tid).partition(" ")[2],
            "tactics": cat.tactic_names(tid),
            "url": cat.techniques[tid].url,
            "rules": rules[tid],
        }
        for tid in sorted(rules)
        if tid in cat.techniques
    ]


def unmapped(metas: Sequence[RuleMeta]) -> list[RuleMeta]:
    """Active rules that map to no technique (built-in ones say why in `atlas_none`)."""
    return [m for m in sorted(metas, key=lambda m: m.id) if not m.atlas and not m.deprecated]


def format_text(metas: Sequence[RuleMeta]) -> str:
    rows = by_technique(metas)
    lines = [f"{r['id']:<14} {r['name']:<56} {', '.join(r['rules'])}" for r in rows]
    none = unmapped(metas)
    lines.append(
        f"\n{len(rows)} ATLAS {load_catalog().version} techniques have at least one rule; "
        f"{len(none)} rules map to none (`mlcomply rules ID` says why)"
    )
    return "\n".join(lines)


def to_json(metas: Sequence[RuleMeta]) -> dict[str, Any]:
    cat = load_catalog()
    return {
        "atlas_version": cat.version,
        "techniques": by_technique(metas),
        "unmapped": [{"id": m.id, "reason": m.atlas_none} for m in unmapped(metas)],
    }

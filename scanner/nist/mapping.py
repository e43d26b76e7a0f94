"""Rules by AI RMF subcategory, for `mlcomply rules --nist`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scanner.metadata import RuleMeta
from scanner.nist.core import load_core


def by_subcategory(metas: Sequence[RuleMeta]) -> list[dict[str, Any]]:
    """All 72 subcategories in Core order, each with the ids of the rules mapped to it."""
    return [
        {
            "id": s.id,
            "label": s.label,
            "static_evidence": s.evidence,
            "rules": [m.id for m in metas if s.id in m.nist_ai_rmf and not m.deprecated],
        }
        for s in load_core().subcategories
    ]


def format_text(metas: Sequence[RuleMeta]) -> str:
    rows = by_subcategory(metas)
    lines = []
    for row in rows:
        rules = "(requires attestation)" if row["static_evidence"] == "none" else ", ".join(row["rules"]) or "-"
        lines.append(f"{row['id']:<13} {row['label']:<52} {row['static_evidence']:<9} {rules}")
    mapped = sum(bool(r["rules"]) for r in rows)
    lines.append(f"\n{mapped} of {len(rows)} subcategories have at least one rule")
    return "\n".join(lines)

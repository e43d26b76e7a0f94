"""Per-repository NIST AI RMF subcategory statuses for the org history, from the same report
model as `mlcomply scan --report-output` (scanner.nist.report), so the two never disagree."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from scanner.nist.report import build_report

PASS, FAIL, NOT_ASSESSED, ATTESTATION = "pass", "fail", "not-assessed", "attestation"
STATUSES = (FAIL, PASS, NOT_ASSESSED, ATTESTATION)


@cache
def subcategories() -> tuple[dict[str, str], ...]:
    """The 72 AI RMF 1.0 subcategories in framework order: id, function, short label."""
    core = json.loads(resources.files("scanner.nist").joinpath("ai-rmf-1.0.json").read_text(encoding="utf-8"))
    return tuple(
        {"id": sub["id"], "function": fn["id"], "label": sub.get("short_label", "")}
        for fn in core["functions"]
        for cat in fn["categories"]
        for sub in cat["subcategories"]
    )


def nist_statuses(results: Mapping[str, Any], fail_on: str) -> dict[str, str]:
    """Status of every subcategory for one repository's JSON results document."""
    return {s.sub.id: s.status for s in build_report(results, fail_on).subcategories}

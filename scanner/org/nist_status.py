"""Per-repository NIST AI RMF subcategory statuses for the org history.

Interim rule, until scanner.nist's report model is merged; `nist_statuses` is THE seam to replace
with it (the org history and report only consume its `{subcategory id: status}` result).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from scanner import formats
from scanner.severity import at_or_above

PASS, FAIL, NOT_ASSESSED = "pass", "fail", "not-assessed"
STATUSES = (FAIL, PASS, NOT_ASSESSED)


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


def nist_statuses(results: Mapping[str, Any], kinds: Iterable[str], fail_on: str) -> dict[str, str]:
    """Status of every subcategory for one repository's JSON results document.

    INTERIM (replace with scanner.nist's report model once merged): `fail` when an unsuppressed
    finding at or above `fail_on` maps to the subcategory; `pass` when a rule mapped to it was
    evaluated, approximated as "a rule mapped to it exists and the repository has documents of
    one of its input kinds" (`kinds`: the formats present; "text" rules read any of them);
    otherwise `not-assessed`.
    """
    present = set(kinds)
    evaluated: set[str] = set()
    for rule in results["rules"]:
        if rule.get("deprecated"):
            continue  # deprecated rules are not evaluated
        wanted = set(rule["input_kinds"])
        if wanted & present or (formats.ANY_TEXT in wanted and present):
            evaluated.update(rule["nist_ai_rmf"])
    failed = {
        sub
        for f in results["findings"]
        if f["suppression"] is None and at_or_above(f["severity"], fail_on)
        for sub in f["nist_ai_rmf"]
    }
    return {
        s["id"]: FAIL if s["id"] in failed else PASS if s["id"] in evaluated else NOT_ASSESSED for s in subcategories()
    }

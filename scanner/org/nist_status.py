"""Per-repository NIST AI RMF subcategory statuses for the org history, from the same report
model as `mlcomply scan --report-output` (scanner.nist.report), so the two never disagree."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from scanner.nist.core import load_core
from scanner.nist.report import build_report

PASS, FAIL, CONCERNS, NOT_ASSESSED, ATTESTATION = "pass", "fail", "concerns", "not-assessed", "attestation"
ATTESTED, ATTESTATION_EXPIRED = "attested", "attestation-expired"
STATUSES = (FAIL, CONCERNS, PASS, ATTESTATION_EXPIRED, ATTESTED, NOT_ASSESSED, ATTESTATION)
# Across the org: a static result in any repository wins; then an expired record anywhere; a
# subcategory is attested only when every other repository has a current record for it too.
ORG_ORDER = (FAIL, CONCERNS, PASS, ATTESTATION_EXPIRED, ATTESTATION, NOT_ASSESSED, ATTESTED)


@cache
def subcategories() -> tuple[dict[str, str], ...]:
    """The 72 AI RMF 1.0 subcategories in framework order: id, function, short label."""
    return tuple({"id": s.id, "function": s.function, "label": s.label} for s in load_core().subcategories)


def nist_statuses(results: Mapping[str, Any], fail_on: str) -> dict[str, str]:
    """Status of every subcategory for one repository's JSON results document."""
    return {s.sub.id: s.status for s in build_report(results, fail_on).subcategories}

"""Status precedence with evidence records: fail > concerns > pass > attested > not-assessed;
an expired record is "attestation-expired"; a subcategory requiring attestation has no static status."""

from __future__ import annotations

import pytest

from scanner.nist.core import load_core
from scanner.nist.report import STATUSES, EvidenceRef, ReportFinding, _status, worst


def _finding(failing: bool) -> ReportFinding:
    return ReportFinding("R", "high", "t", "m", "a.tf", 1, "a.tf:1", "f" * 32, failing, None)


def _record(expired: bool) -> EvidenceRef:
    return EvidenceRef("MEASURE 2.7", "s", "docs/", "path", "o", "2026-01-01", "2027-01-01", 3, expired, "e.yaml")


CURRENT, EXPIRED = _record(False), _record(True)


@pytest.mark.parametrize(
    ("sub_id", "applied", "findings", "records", "status"),
    [
        ("MEASURE 2.7", ["R"], [_finding(True)], [CURRENT], "fail"),
        ("MEASURE 2.7", ["R"], [_finding(False)], [CURRENT], "concerns"),
        ("MEASURE 2.7", ["R"], [], [CURRENT], "pass"),
        ("MEASURE 2.7", [], [], [CURRENT], "attested"),
        ("MEASURE 2.7", [], [], [EXPIRED, CURRENT], "attested"),  # one current record is enough
        ("MEASURE 2.7", [], [], [EXPIRED], "attestation-expired"),
        ("MEASURE 2.7", [], [], [], "not-assessed"),
        ("GOVERN 2.2", [], [], [CURRENT], "attested"),
        ("GOVERN 2.2", [], [], [EXPIRED], "attestation-expired"),
        ("GOVERN 2.2", [], [], [], "attestation"),
    ],
)
def test_status(sub_id: str, applied: list, findings: list, records: list, status: str) -> None:
    assert _status(load_core().subcategory(sub_id), applied, findings, records) == status


def test_a_category_shows_an_expired_attestation_before_an_attested_one() -> None:
    assert STATUSES.index("pass") < STATUSES.index("attested") < STATUSES.index("not-assessed")
    assert worst(["attested", "attestation-expired", "not-assessed"]) == "attestation-expired"
    assert worst(["pass", "attested"]) == "pass"

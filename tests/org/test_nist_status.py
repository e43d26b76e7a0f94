from __future__ import annotations

from typing import Any

import pytest

from scanner.org.nist_status import nist_statuses, subcategories


def _rule(rule_id: str, kinds: list[str], subs: list[str], deprecated: bool = False) -> dict[str, Any]:
    return {"id": rule_id, "input_kinds": kinds, "nist_ai_rmf": subs, "deprecated": deprecated}


def _finding(severity: str, subs: list[str], suppressed: bool = False) -> dict[str, Any]:
    return {"severity": severity, "nist_ai_rmf": subs, "suppression": {"kind": "inline"} if suppressed else None}


RULES = [
    _rule("TF", ["terraform"], ["MEASURE 2.7"]),
    _rule("YML", ["yaml"], ["MAP 4.2"]),
    _rule("TXT", ["text"], ["GOVERN 6.1"]),
    _rule("OLD", ["yaml"], ["MANAGE 1.1"], deprecated=True),
]


@pytest.mark.parametrize(
    ("kinds", "findings", "expected"),
    [
        (set(), [], {}),
        ({"terraform"}, [], {"MEASURE 2.7": "pass", "GOVERN 6.1": "pass"}),
        ({"yaml"}, [_finding("high", ["MAP 4.2"])], {"MAP 4.2": "fail", "GOVERN 6.1": "pass"}),
        ({"yaml"}, [_finding("medium", ["MAP 4.2"])], {"MAP 4.2": "pass", "GOVERN 6.1": "pass"}),  # below fail_on
        ({"yaml"}, [_finding("critical", ["MAP 4.2"], suppressed=True)], {"MAP 4.2": "pass", "GOVERN 6.1": "pass"}),
    ],
)
def test_statuses(kinds: set[str], findings: list, expected: dict[str, str]) -> None:
    statuses = nist_statuses({"rules": RULES, "findings": findings}, kinds, "high")
    assert len(statuses) == 72 == len(subcategories())
    assert {k: v for k, v in statuses.items() if v != "not-assessed"} == expected

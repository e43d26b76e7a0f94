"""Hit -> Finding: a hit's own severity (with its reason) and its caller."""

from __future__ import annotations

import pytest

from scanner.documents import Document
from scanner.findings import Hit, make_finding
from tests.conftest import rule_meta


def _doc() -> Document:
    return Document(kind="text", path="a.txt", data={}, text="x = 1\n")


def test_hit_severity_overrides_the_rule_and_says_why() -> None:
    finding = make_finding(rule_meta(), _doc(), Hit("m", line=1, severity="low", severity_reason="test fixture"))
    props = dict(finding.properties)
    assert finding.severity == "low"
    assert props["severity_reason"] == "test fixture"
    assert props["rule_severity"] == "high"


def test_rule_severity_when_the_hit_has_none() -> None:
    finding = make_finding(rule_meta(), _doc(), Hit("m", line=1))
    assert finding.severity == "high"
    assert "severity_reason" not in dict(finding.properties)


@pytest.mark.parametrize("kwargs", [{"severity": "low"}, {"severity": "urgent", "severity_reason": "x"}])
def test_hit_severity_needs_a_known_level_and_a_reason(kwargs: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        Hit("m", **kwargs)


def test_each_caller_gets_its_own_fingerprint() -> None:
    meta, doc = rule_meta(), _doc()
    a = make_finding(meta, doc, Hit("m", address="aws_s3_bucket.b", caller="envs/prod"))
    b = make_finding(meta, doc, Hit("m", address="aws_s3_bucket.b", caller="envs/dev"))
    c = make_finding(meta, doc, Hit("m", address="aws_s3_bucket.b"))
    assert len({a.fingerprint, b.fingerprint, c.fingerprint}) == 3


def test_v1_fingerprint_ignores_the_caller_so_old_baselines_still_match() -> None:
    meta, doc = rule_meta(), _doc()
    a = make_finding(meta, doc, Hit("m", address="aws_s3_bucket.b", caller="envs/prod"))
    b = make_finding(meta, doc, Hit("m", address="aws_s3_bucket.b", caller="envs/dev"))
    c = make_finding(meta, doc, Hit("m", address="aws_s3_bucket.b"))
    assert a.fingerprint_v1 == b.fingerprint_v1 == c.fingerprint_v1
    assert a.fingerprint != b.fingerprint

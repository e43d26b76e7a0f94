from __future__ import annotations

import json
import zlib

from scanner.org.repo_scan import summarise


def _finding(rule: str, severity: str, fp: str, **where: object) -> dict:
    base = {
        "address": None,
        "pointer": None,
        "start_line": 7,
        "end_line": 7,
        "path": "a.tf",
        "suppression": None,
        "title": "A rule",
        "category": "encryption",
        "message": "m",
        "snippet": None,
        "properties": {},
    }
    return {**base, "rule_id": rule, "severity": severity, "fingerprint": fp, "nist_ai_rmf": ["MEASURE 2.7"], **where}


def test_summarise_counts_active_findings_only() -> None:
    results = {
        "tool": {"name": "mlcomply", "version": "0"},
        "root": "/repo",
        "errors": [],
        "rules": [
            {
                "id": "R",
                "title": "A rule",
                "severity": "high",
                "category": "encryption",
                "remediation": "Fix it.",
                "input_kinds": ["terraform"],
                "nist_ai_rmf": ["MEASURE 2.7"],
            }
        ],
        "findings": [
            _finding("R", "high", "1" * 32, address="aws_s3_bucket.a"),
            _finding("R", "low", "2" * 32, pointer="spec/0/image", path="p.yaml"),
            _finding("R", "medium", "3" * 32),
            _finding("R", "critical", "4" * 32, suppression={"kind": "inline", "justification": "", "source": ""}),
        ],
    }
    outcome = summarise("repo", results, "high")
    assert outcome.by_severity == {"critical": 0, "high": 1, "medium": 1, "low": 1, "info": 0}
    assert outcome.rule_counts == {"R": 3}
    assert [f.location for f in outcome.findings] == ["aws_s3_bucket.a", "spec/0/image", "line 7"]
    assert outcome.nist["MEASURE 2.7"] == "fail"
    assert json.loads(zlib.decompress(outcome.results)) == results  # the whole results document is kept

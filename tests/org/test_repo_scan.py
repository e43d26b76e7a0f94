from __future__ import annotations

import json
import zlib
from pathlib import Path

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


def test_repository_config_and_inline_ignores_apply(tmp_path: Path) -> None:
    from scanner.org.repo_scan import ScanSetup, scan_repository
    from scanner.org.sources import RepoSpec
    from tests.conftest import S3_ONLY, init_repo

    tf = (
        "# mlcomply:ignore MLC-AWS-S3-002 the evaluation set is published on purpose\n"
        'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n'
    )
    repo = init_repo(tmp_path / "r", {"main.tf": tf})
    setup = ScanSetup.from_config(Path(S3_ONLY[1]))
    outcome = scan_repository(RepoSpec("r", str(repo), False), tmp_path / "cache", setup, "high")
    assert outcome.by_severity == {"critical": 0, "high": 0, "medium": 1, "low": 1, "info": 0}
    results = json.loads(zlib.decompress(outcome.results))
    (suppressed,) = [f for f in results["findings"] if f["suppression"]]
    assert suppressed["rule_id"] == "MLC-AWS-S3-002"
    assert {r["id"] for r in results["rules"]} == {
        "MLC-AWS-S3-001",
        "MLC-AWS-S3-002",
        "MLC-AWS-S3-003",
        "MLC-K8S-IMAGE-001",
    }

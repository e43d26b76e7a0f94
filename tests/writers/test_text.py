from __future__ import annotations

import io
from pathlib import Path

from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.writers.text import write_text
from tests.conftest import write_files


def test_summary_counts_and_findings(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"main.tf": 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n', "x.yaml": "a: ["})
    out = io.StringIO()
    write_text(scan([tmp_path], builtin_rules), out, "high")
    text = out.getvalue()
    assert "CRITICAL MLC-AWS-S3-002" in text and "main.tf:1  [aws_s3_bucket.a]" in text
    # + medium: no complete public access block; low: no SSE config (S3 encrypts by default), and
    # the strict profile's customer-managed key, versioning, access logging (every rule runs here)
    assert "6 finding(s) (1 critical, 1 medium, 4 low) in 2 files" in text
    assert "by category: 2 encryption, 2 public-access, 1 logging, 1 data-integrity" in text
    assert "ERROR    x.yaml:2:1: invalid YAML" in text and "scan errors: 1 file(s)" in text

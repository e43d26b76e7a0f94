"""`--format github`: workflow commands the Actions runner turns into annotations."""

from __future__ import annotations

import io
from pathlib import Path

from scanner.console.github import write_github
from scanner.rulesets import RuleSet
from scanner.scan import scan
from tests.conftest import write_files


def test_one_annotation_per_finding_with_level_by_severity(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"main.tf": 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n', "x.yaml": "a: ["})
    result = scan([tmp_path], builtin_rules)
    out = io.StringIO()
    write_github(result, out)
    lines = out.getvalue().splitlines()
    active = [f for f in result.findings if f.suppression is None]
    assert len(lines) == len(active) + 1  # + the scan error
    public = next(line for line in lines if "MLC-AWS-S3-002" in line)
    assert public.startswith(
        "::error file=main.tf,line=1,endLine=3,title=MLC-AWS-S3-002 S3 bucket readable by the public::"
    )
    assert "%0Afix: Use the `private` canned ACL" in public
    assert any(line.startswith("::notice file=main.tf") for line in lines)  # low
    assert any(line.startswith("::warning file=main.tf") for line in lines)  # medium
    assert "::error file=x.yaml,line=2,title=mlcomply scan error::" in out.getvalue()


def test_a_file_name_cannot_end_or_start_a_command(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"a,b:c%\n::error::x.tf": 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n'})
    out = io.StringIO()
    write_github(scan([tmp_path], builtin_rules), out)
    for line in out.getvalue().splitlines():
        assert line.startswith("::")
        assert "file=a%2Cb%3Ac%25\\n%3A%3Aerror%3A%3Ax.tf," in line

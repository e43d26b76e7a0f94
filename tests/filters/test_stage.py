from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import S3_ONLY, run_cli

PUBLIC = 'resource "aws_s3_bucket" "{0}" {{\n  bucket = "acme-{0}"\n  acl    = "public-read"{1}\n}}\n'


def _by_address(out: Path, rule: str) -> dict[str, dict[str, object]]:
    doc = json.loads(out.read_text())
    return {f["address"]: f for f in doc["findings"] if f["rule_id"] == rule}


def test_each_finding_is_judged_by_the_first_stage_that_covers_it(make_repo, tmp_path: Path) -> None:
    ignore = "version: 1\nignores:\n  - rule: MLC-AWS-S3-002\n    reason: reviewed in SEC-9\n"
    root = make_repo(
        {
            # an inline ignore that lapsed: the ignore file still covers the finding
            "a.tf": PUBLIC.format("a", "  # mlcomply:ignore MLC-AWS-S3-002 until=2020-01-01 old"),
            # a live inline ignore wins over the ignore file
            "b.tf": PUBLIC.format("b", "  # mlcomply:ignore MLC-AWS-S3-002 website"),
            ".mlcomply-ignore.yaml": ignore,
        }
    )
    base_file = tmp_path / "base.json"
    assert run_cli("baseline", "create", *S3_ONLY, root, "--output", base_file).returncode == 0
    # The baseline holds only what was not already suppressed.
    assert {f["rule_id"] for f in json.loads(base_file.read_text())["findings"]} == {"MLC-AWS-S3-001", "MLC-AWS-S3-003"}

    res = run_cli("scan", *S3_ONLY, root, "--baseline", base_file, "--json-output", tmp_path / "r.json")
    assert res.returncode == 0, res.stdout
    acl = _by_address(tmp_path / "r.json", "MLC-AWS-S3-002")
    assert acl["aws_s3_bucket.a"]["suppression"]["kind"] == "ignore-file"  # type: ignore[index]
    assert "expired on 2020-01-01" in str(acl["aws_s3_bucket.a"]["message"])
    assert acl["aws_s3_bucket.b"]["suppression"] == {"kind": "inline", "justification": "website", "source": "b.tf:3"}
    kinds = {f["suppression"]["kind"] for f in _by_address(tmp_path / "r.json", "MLC-AWS-S3-001").values()}
    assert kinds == {"baseline"}


def test_files_only_needs_files() -> None:
    res = run_cli("scan", *S3_ONLY, "--files-only")
    assert res.returncode == 2
    assert "--files-only needs the files to report on" in res.stderr


def test_files_only_keeps_errors_of_its_files_and_their_module(make_repo, tmp_path: Path) -> None:
    root = make_repo(
        {
            "infra/ok.tf": PUBLIC.format("ok", ""),
            "infra/broken.tf": 'resource "aws_s3_bucket" "x" {\n  acl = \n}\n',
            "jobs/broken.yaml": "a: [\n",
        }
    )
    res = run_cli("scan", *S3_ONLY, "--files-only", "infra/ok.tf", "--json-output", tmp_path / "r.json", cwd=root)
    doc = json.loads((tmp_path / "r.json").read_text())
    assert [e["path"] for e in doc["errors"]] == ["infra/broken.tf"]
    assert {f["path"] for f in doc["findings"]} == {"infra/ok.tf"}
    assert res.returncode == 1


@pytest.mark.parametrize("flag", ["--baseline", "--diff-base", "--ignore-file"])
def test_flags_are_documented_in_scan_help(flag: str) -> None:
    assert flag in run_cli("scan", *S3_ONLY, "--help").stdout

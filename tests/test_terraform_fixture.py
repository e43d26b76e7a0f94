"""The Terraform fixture set end to end: modules, variables, tfvars, count/for_each and references
give every expected finding at its address; values that cannot be known give none."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scanner.rulesets import RuleSet
from scanner.scan import scan
from tests.conftest import REPO_ROOT, run_cli

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "terraform" / "ml_platform"
S3_RULES = ("MLC-AWS-S3-001", "MLC-AWS-S3-002", "MLC-AWS-S3-003")

EXPECTED = {
    ("MLC-AWS-S3-001", "module.scratch.aws_s3_bucket.this", "modules/bucket/main.tf", 9),
    ("MLC-AWS-S3-002", "aws_s3_bucket.shards[0]", "envs/prod/main.tf", 41),
    ("MLC-AWS-S3-002", "aws_s3_bucket.shards[1]", "envs/prod/main.tf", 41),
    ("MLC-AWS-S3-002", "aws_s3_bucket.open", "unknowns/main.tf", 67),
    ("MLC-AWS-S3-003", 'aws_s3_bucket.data["features"]', "envs/prod/main.tf", 16),
    (
        "MLC-AWS-S3-003",
        "module.lake.module.store.aws_s3_bucket_public_access_block.this",
        "modules/bucket/main.tf",
        23,
    ),
}


@pytest.fixture
def platform(tmp_path: Path) -> Path:
    root = tmp_path / "ml_platform"
    shutil.copytree(FIXTURE, root)
    return root


def test_every_expected_finding_at_its_address(platform: Path, builtin_rules: RuleSet) -> None:
    result = scan([platform], builtin_rules)
    assert result.errors == []
    got = {(f.rule_id, f.address, f.path, f.start_line) for f in result.findings if f.rule_id in S3_RULES}
    assert got == EXPECTED


def test_unknown_values_produce_nothing(platform: Path, builtin_rules: RuleSet) -> None:
    result = scan([platform], builtin_rules)
    # The fixture is about the values S3-001..003 read; other rules (versioning, logging) report
    # attributes that are absent, which is known.
    unknowns = {f.address for f in result.findings if f.path == "unknowns/main.tf" and f.rule_id in S3_RULES}
    assert unknowns == {"aws_s3_bucket.open"}


def test_var_file_flag_changes_the_findings(platform: Path) -> None:
    out = platform / "out.json"
    proc = run_cli("scan", ".", "--var-file", "envs/prod/private.tfvars", "--json-output", out, "-q", cwd=platform)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(out.read_text())["findings"]
    got = {(f["rule_id"], f["address"]) for f in findings if f["rule_id"] in S3_RULES}
    # private.tfvars overrides public.auto.tfvars: the shards are no longer public.
    assert got == {(r, a) for r, a, _, _ in EXPECTED if not a.startswith("aws_s3_bucket.shards")}


def test_sarif_carries_the_terraform_address(platform: Path) -> None:
    out = platform / "out.sarif"
    run_cli("scan", ".", "--sarif-output", out, "-q", cwd=platform)
    results = json.loads(out.read_text())["runs"][0]["results"]
    names = {
        loc["logicalLocations"][0]["fullyQualifiedName"]
        for res in results
        for loc in res["locations"]
        if loc.get("logicalLocations")
    }
    assert {a for _, a, _, _ in EXPECTED} <= names

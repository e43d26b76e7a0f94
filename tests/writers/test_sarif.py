from __future__ import annotations

from pathlib import Path

import pytest

from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.severity import SECURITY_SEVERITY
from scanner.writers.sarif import FINGERPRINT_KEY, to_sarif
from tests.conftest import init_repo, write_files
from tests.writers.sarif_validation import validate_sarif

BAD_TF = """resource "aws_s3_bucket" "raw" {
  bucket = "acme-raw"
  acl    = "public-read"
}
"""

MODULE_TF = """resource "aws_s3_bucket" "this" {
  bucket = "acme-lake"
}
"""


@pytest.fixture
def result(tmp_path: Path, builtin_rules: RuleSet):  # type: ignore[no-untyped-def]
    root = init_repo(
        tmp_path / "repo",
        {
            "infra/main.tf": BAD_TF + 'module "data_lake" {\n  source = "./modules/lake"\n}\n',
            "infra/modules/lake/main.tf": MODULE_TF,
            "broken.yaml": "a: [1, 2\nb: 3\n",
            "k8s/job.yaml": "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n"
            "        - name: t\n          image: trainer:latest\n",
        },
    )
    return scan([root], builtin_rules)


def test_valid_against_both_schemas(result) -> None:  # type: ignore[no-untyped-def]
    validate_sarif(to_sarif(result))


def test_rules_carry_required_properties(result) -> None:  # type: ignore[no-untyped-def]
    driver = to_sarif(result)["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == sorted(r["id"] for r in driver["rules"])
    for rule in driver["rules"]:
        props = rule["properties"]
        assert props["category"] and props["nist-ai-rmf"]
        assert float(props["security-severity"]) >= 0
        assert props["tags"][0] == "security"
    s3 = next(r for r in driver["rules"] if r["id"] == "MLC-AWS-S3-002")
    assert s3["properties"]["security-severity"] == SECURITY_SEVERITY["critical"]
    assert float(s3["properties"]["security-severity"]) > 9.0
    assert s3["defaultConfiguration"]["level"] == "error"


def test_results_point_at_terraform_addresses(result) -> None:  # type: ignore[no-untyped-def]
    run = to_sarif(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_rule: dict[str, list[tuple[str, str, int]]] = {}
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]
        phys = loc["physicalLocation"]
        assert phys["region"]["startLine"] >= 1
        name = loc.get("logicalLocations", [{}])[0].get("fullyQualifiedName", "")
        by_rule.setdefault(r["ruleId"], []).append((phys["artifactLocation"]["uri"], name, phys["region"]["startLine"]))
    assert ("infra/main.tf", "aws_s3_bucket.raw", 1) in by_rule["MLC-AWS-S3-002"]
    assert ("infra/modules/lake/main.tf", "module.data_lake.aws_s3_bucket.this", 1) in by_rule["MLC-AWS-S3-001"]
    assert by_rule["MLC-K8S-IMAGE-001"] == [("k8s/job.yaml", "spec/template/spec/containers/0/image", 8)]


def test_parse_failures_are_tool_execution_notifications(result) -> None:  # type: ignore[no-untyped-def]
    notes = to_sarif(result)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    (note,) = [n for n in notes if n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.yaml"]
    assert note["level"] == "error"
    assert note["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert "invalid YAML" in note["message"]["text"]


def test_fingerprints_do_not_change_when_lines_move(tmp_path: Path, builtin_rules: RuleSet) -> None:
    def fingerprints(prefix: str) -> dict[tuple[str, str], str]:
        root = tmp_path / prefix
        write_files(
            root,
            {
                "main.tf": prefix + BAD_TF,
                "job.yaml": prefix.replace("\n", "\n") + "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n"
                "    - name: a\n      image: x:1\n",
            },
        )
        run = to_sarif(scan([root], builtin_rules))["runs"][0]
        return {
            (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): r["partialFingerprints"][
                FINGERPRINT_KEY
            ]
            for r in run["results"]
        }

    before = fingerprints("")
    after = fingerprints("# a comment\n\n\n")
    assert before and before == after


def test_suppressed_findings_are_left_out(result) -> None:  # type: ignore[no-untyped-def]
    from scanner.findings import Suppression

    result.findings = [f.suppressed(Suppression("inline", "accepted")) for f in result.findings]
    doc = to_sarif(result)
    assert doc["runs"][0]["results"] == []
    validate_sarif(doc)


def test_help_uri_is_the_rules_page_for_built_in_rules(tmp_path: Path, builtin_rules: RuleSet) -> None:
    from scanner.writers.sarif import to_sarif

    write_files(tmp_path, {"main.tf": 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n'})
    rules = {r["id"]: r for r in to_sarif(scan([tmp_path], builtin_rules))["runs"][0]["tool"]["driver"]["rules"]}
    assert (
        rules["MLC-AWS-S3-002"]["helpUri"]
        == "https://github.com/mlcomply/mlcomply/blob/v0.1.0/docs/rules/MLC-AWS-S3-002.md"
    )
    assert all(r["helpUri"].endswith(f"/docs/rules/{i}.md") for i, r in rules.items())

"""`ScanResult.rule_documents` / results `rule_documents`: how many documents each rule saw."""

from __future__ import annotations

from pathlib import Path

from scanner.nist.results import validator
from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.writers.json_out import to_json
from tests.conftest import init_repo

TF = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: c, image: 'x:1'}\n"


def test_counts_documents_per_rule(tmp_path: Path, builtin_rules: RuleSet) -> None:
    root = init_repo(tmp_path / "r", {"infra/main.tf": TF, "k8s/a.yaml": POD, "k8s/b.yaml": POD, "README.md": "x\n"})
    result = scan([root], builtin_rules)
    assert set(result.rule_documents) == {m.id for m in builtin_rules.metas}
    assert result.rule_documents["MLC-AWS-S3-001"] == 1  # one Terraform root module
    assert result.rule_documents["MLC-K8S-IMAGE-001"] == 2  # two YAML files
    doc = to_json(result)
    assert doc["rule_documents"] == result.rule_documents
    assert list(validator().iter_errors(doc)) == []


def test_a_rule_with_nothing_to_read_counts_zero(tmp_path: Path, builtin_rules: RuleSet) -> None:
    root = init_repo(tmp_path / "r", {"infra/main.tf": TF})
    counts = scan([root], builtin_rules).rule_documents
    assert counts["MLC-K8S-IMAGE-001"] == 0  # no YAML file
    assert counts["MLC-AWS-S3-001"] == 1

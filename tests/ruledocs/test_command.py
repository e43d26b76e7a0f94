"""`mlcomply rules ID`, `--category`, `--severity`, `--format json|markdown`, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO_ROOT, run_cli


def test_one_rule_in_full(tmp_path: Path) -> None:
    out = run_cli("rules", "MLC-AWS-S3-002", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    for part in (
        "MLC-AWS-S3-002  S3 bucket readable by the public",
        "severity     critical",
        "category     public-access",
        "nist ai rmf  MEASURE 2.7, MEASURE 2.10",
        "checkov      CKV_AWS_20, CKV_AWS_57",
        "docs         https://github.com/mlcomply/mlcomply/blob/v0.1.0/docs/rules/MLC-AWS-S3-002.md",
        "\ndescription\n",
        "\nremediation\n  Use the `private` canned ACL",
        "\nreferences\n  https://docs.aws.amazon.com/",
        "example, bad (reported): inline public-read ACL",
        'acl    = "public-read"',
        "example, good (not reported):",
    ):
        assert part in text, part


def test_an_alias_any_case_shows_the_rule_that_owns_it(tmp_path: Path) -> None:
    out = run_cli("rules", "mlc-k8s-secret-001", cwd=tmp_path)
    assert out.returncode == 0
    assert out.stdout.startswith("MLC-SECRET-GENERIC-001  ")
    assert "aliases      " in out.stdout and "MLC-K8S-SECRET-001" in out.stdout


def test_an_unknown_id_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    out = run_cli("rules", "MLC-AWS-S3-02", cwd=tmp_path)
    assert out.returncode == 2 and out.stdout == ""
    assert "show rule MLC-AWS-S3-02: no such rule (did you mean MLC-AWS-S3-002?)" in out.stderr


def test_markdown_of_one_rule_is_its_page(tmp_path: Path) -> None:
    out = run_cli("rules", "MLC-AWS-S3-002", "--format", "markdown", cwd=tmp_path)
    assert out.stdout == (REPO_ROOT / "docs" / "rules" / "MLC-AWS-S3-002.md").read_text()


def test_json_of_one_rule_has_metadata_link_and_examples(tmp_path: Path) -> None:
    doc = json.loads(run_cli("rules", "MLC-AWS-S3-002", "--format", "JSON", cwd=tmp_path).stdout)
    assert [d["id"] for d in doc] == ["MLC-AWS-S3-002"]
    assert doc[0]["docs"].endswith("/docs/rules/MLC-AWS-S3-002.md")
    assert doc[0]["examples"]["bad"] and doc[0]["examples"]["good"]


def test_filters_by_category_and_severity(tmp_path: Path) -> None:
    every = json.loads(run_cli("rules", "--format", "json", cwd=tmp_path).stdout)
    secrets = json.loads(run_cli("rules", "--category", "secrets", "--format", "json", cwd=tmp_path).stdout)
    assert secrets and {r["category"] for r in secrets} == {"secrets"}
    assert len(secrets) == sum(r["category"] == "secrets" for r in every)
    high = json.loads(
        run_cli("rules", "--severity", "HIGH", "--category", "secrets", "--format", "json", cwd=tmp_path).stdout
    )
    assert high and {(r["severity"], r["category"]) for r in high} == {("high", "secrets")}
    text = run_cli("rules", "--category", "secrets", cwd=tmp_path).stdout
    assert text.rstrip().endswith(f"{len(secrets)} rules")
    assert run_cli("rules", "--category", "secret", cwd=tmp_path).stderr.endswith("(did you mean secrets?)\n")


def test_markdown_list_is_the_index(tmp_path: Path) -> None:
    out = run_cli("rules", "--format", "markdown", cwd=tmp_path)
    assert out.stdout == (REPO_ROOT / "docs" / "rules" / "README.md").read_text()

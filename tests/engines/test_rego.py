from __future__ import annotations

import re
from pathlib import Path

import pytest

from scanner import formats
from scanner.documents import Document, ScanError
from scanner.engines.rego import RegoEngine, rego_files
from scanner.engines.rego_metadata import parse_rego_file
from scanner.errors import FatalError
from tests.conftest import REPO_ROOT, run_cli, write_files

META = """# METADATA
# title: Buckets named forbidden
# description: A user policy used by the tests.
# custom:
#   id: MLC-USER-001
#   severity: medium
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7]
#   remediation: Rename the bucket to something allowed.
#   input_kinds: [terraform]
"""

POLICY = (
    META
    + """package user.forbidden

import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some b in terraform.resources("aws_s3_bucket")
	b.config.bucket == "forbidden"
	res := result.resource("bucket is forbidden", b)
}
"""
)


def engine(tmp_path: Path, text: str) -> RegoEngine:
    (tmp_path / "p.rego").write_text(text)
    return RegoEngine([REPO_ROOT / "rego" / "lib", tmp_path / "p.rego"], formats.kinds())


def tf_doc(bucket: object) -> Document:
    r = {
        "address": "aws_s3_bucket.b",
        "type": "aws_s3_bucket",
        "mode": "managed",
        "config": {"bucket": bucket},
    }
    return Document(kind="terraform", path=".", data={"resources": [r]})


def test_user_policy_metadata_and_evaluation(tmp_path: Path) -> None:
    eng = engine(tmp_path, POLICY)
    (rule,) = eng.rules
    assert rule.meta.id == "MLC-USER-001" and rule.meta.title == "Buckets named forbidden"
    assert rule.package == "user.forbidden"
    errors: list[ScanError] = []
    hits = [h for _, h in eng.evaluate(tf_doc("forbidden"), eng.rules, errors)]
    assert [(h.message, h.address) for h in hits] == [("bucket is forbidden", "aws_s3_bucket.b")]
    assert list(eng.evaluate(tf_doc("fine"), eng.rules, errors)) == []
    assert errors == []


def test_compile_error_names_file_line_and_column(tmp_path: Path) -> None:
    broken = POLICY.replace('b.config.bucket == "forbidden"', "b.config.bucket == ")
    with pytest.raises(FatalError) as info:
        engine(tmp_path, broken)
    text = str(info.value)
    assert "p.rego:" in text and "Stack backtrace" not in text
    line = broken.splitlines().index('\tres := result.resource("bucket is forbidden", b)') + 1
    assert f"p.rego:{line}:" in text


def test_runtime_error_is_reported_with_location(tmp_path: Path) -> None:
    bad = POLICY.replace('b.config.bucket == "forbidden"', "x := 1 / 0\n\tx > 0")
    eng = engine(tmp_path, bad)
    errors: list[ScanError] = []
    assert list(eng.evaluate(tf_doc("forbidden"), eng.rules, errors)) == []
    (error,) = errors
    assert error.kind == "engine" and error.path == "."
    assert re.search(r"evaluate rule MLC-USER-001: the policy failed at \S*p\.rego:\d+:\d+", error.message)


def test_runtime_error_never_quotes_the_input(tmp_path: Path) -> None:
    """regorus's message quotes the value it choked on; the scan error keeps only the location."""
    bad = POLICY.replace('b.config.bucket == "forbidden"', "x := b.config.bucket / 2\n\tx > 0")
    eng = engine(tmp_path, bad)
    errors: list[ScanError] = []
    assert list(eng.evaluate(tf_doc("s3cr3t-value"), eng.rules, errors)) == []
    (error,) = errors
    assert "p.rego:" in error.message and "s3cr3t" not in error.message


def test_package_without_metadata_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(FatalError, match="no `# METADATA` block"):
        engine(tmp_path, POLICY.replace(META, ""))


def test_metadata_block_must_sit_directly_above_package() -> None:
    parsed = parse_rego_file("x.rego", META + "\n# unrelated\npackage a.b\n")
    assert parsed.annotations == {}
    parsed = parse_rego_file("x.rego", META + "package a.b\n\ntest_one if true\ntest_two := true\n")
    assert parsed.annotations["custom"]["id"] == "MLC-USER-001"
    assert parsed.test_rules == ("test_one", "test_two")


def test_test_files_are_not_loaded_for_scans() -> None:
    files = rego_files([REPO_ROOT / "rego"])
    assert files and not any(f.name.endswith("_test.rego") for f in files)
    assert any(f.name.endswith("_test.rego") for f in rego_files([REPO_ROOT / "rego"], tests=True))


def test_user_policy_end_to_end_through_cli(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "policies/p.rego": POLICY,
            "repo/main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "forbidden"\n}\n',
        },
    )
    proc = run_cli(
        "scan",
        tmp_path / "repo",
        "--policy-dir",
        tmp_path / "policies",
        "--no-builtin",
        "--fail-on",
        "medium",
    )
    assert proc.returncode == 1, proc.stderr
    assert "MLC-USER-001" in proc.stdout and "main.tf:1" in proc.stdout


def test_test_policies_command(tmp_path: Path) -> None:
    proc = run_cli("test-policies")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1].endswith("passed, 0 failed")
    write_files(
        tmp_path,
        {
            "p.rego": POLICY,
            "p_test.rego": "package user.forbidden_test\n\nimport data.user.forbidden\nimport rego.v1\n\n"
            'test_passes if {\n\tcount(forbidden.deny) == 0 with input as {"content": {"resources": []}}\n}\n\n'
            'test_fails if {\n\tcount(forbidden.deny) == 1 with input as {"content": {"resources": []}}\n}\n',
        },
    )
    proc = run_cli("test-policies", tmp_path)
    assert proc.returncode == 1
    assert "FAIL" in proc.stdout and "test_fails" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == "1 passed, 1 failed"


def test_rules_are_evaluated_together_with_the_same_results(tmp_path: Path) -> None:
    second = POLICY.replace("MLC-USER-001", "MLC-USER-002").replace("package user.forbidden", "package user.other")
    (tmp_path / "q.rego").write_text(second)
    eng = engine(tmp_path, POLICY)
    eng2 = RegoEngine([REPO_ROOT / "rego" / "lib", tmp_path / "p.rego", tmp_path / "q.rego"], formats.kinds())
    errors: list[ScanError] = []
    together = [(r.meta.id, h.address) for r, h in eng2.evaluate(tf_doc("forbidden"), eng2.rules, errors)]
    assert together == [("MLC-USER-001", "aws_s3_bucket.b"), ("MLC-USER-002", "aws_s3_bucket.b")]
    assert [h.address for _, h in eng.evaluate(tf_doc("forbidden"), eng.rules, errors)] == ["aws_s3_bucket.b"]
    assert errors == []


def test_runtime_error_in_a_batch_names_the_failing_policy(tmp_path: Path) -> None:
    bad = POLICY.replace('b.config.bucket == "forbidden"', "x := 1 / 0\n\tx > 0").replace(
        "MLC-USER-001", "MLC-USER-009"
    )
    (tmp_path / "bad.rego").write_text(bad.replace("package user.forbidden", "package user.bad"))
    (tmp_path / "p.rego").write_text(POLICY)
    eng = RegoEngine([REPO_ROOT / "rego" / "lib", tmp_path / "p.rego", tmp_path / "bad.rego"], formats.kinds())
    errors: list[ScanError] = []
    hits = [(r.meta.id, h.address) for r, h in eng.evaluate(tf_doc("forbidden"), eng.rules, errors)]
    assert hits == [("MLC-USER-001", "aws_s3_bucket.b")]  # only the failing rule is lost
    (error,) = errors
    assert re.search(r"MLC-USER-009: the policy failed at \S*bad\.rego:\d+:\d+", error.message)


def test_a_result_may_carry_its_own_severity_with_a_reason(tmp_path: Path) -> None:
    lowered = POLICY.replace(
        'res := result.resource("bucket is forbidden", b)',
        'res := result.with_severity(result.resource("bucket is forbidden", b), "low", "a test bucket")',
    )
    eng = engine(tmp_path, lowered)
    errors: list[ScanError] = []
    (hit,) = [h for _, h in eng.evaluate(tf_doc("forbidden"), eng.rules, errors)]
    assert (hit.severity, hit.severity_reason) == ("low", "a test bucket")


@pytest.mark.parametrize(
    "call",
    [
        'object.union(result.resource("m", b), {"severity": b.config.bucket, "severity_reason": "r"})',
        'object.union(result.resource("m", b), {"severity": "low"})',
    ],
)
def test_a_bad_result_severity_is_an_error_without_the_value(tmp_path: Path, call: str) -> None:
    eng = engine(tmp_path, POLICY.replace('result.resource("bucket is forbidden", b)', call))
    errors: list[ScanError] = []
    assert list(eng.evaluate(tf_doc("forbidden"), eng.rules, errors)) == []
    (error,) = errors
    assert error.kind == "engine"
    assert "p.rego: deny result: `severity` must be one of" in error.message
    assert "forbidden" not in error.message.split("deny result")[1]

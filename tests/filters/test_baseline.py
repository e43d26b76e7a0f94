from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import S3_ONLY, git, run_cli, write_files


def bucket(name: str, acl: str = "public-read") -> str:
    return f'resource "aws_s3_bucket" "{name}" {{\n  bucket = "acme-{name}"\n  acl    = "{acl}"\n}}\n'


def test_create_then_report_only_new_findings(make_repo, tmp_path: Path) -> None:
    root = make_repo({"infra/main.tf": bucket("old")})
    base_file = tmp_path / "baseline.json"
    res = run_cli("baseline", "create", *S3_ONLY, root, "--output", base_file)
    assert res.returncode == 0, res.stderr
    first = base_file.read_bytes()
    doc = json.loads(first)
    assert doc["version"] == 1
    assert doc["generated_by"].startswith("mlcomply ")
    assert doc["settings"]["paths"] == ["."]
    assert "MLC-AWS-S3-002" in doc["settings"]["rules"]
    assert {(f["rule_id"], f["address"]) for f in doc["findings"]} == {
        ("MLC-AWS-S3-001", "aws_s3_bucket.old"),
        ("MLC-AWS-S3-002", "aws_s3_bucket.old"),
        ("MLC-AWS-S3-003", "aws_s3_bucket.old"),
    }
    assert all("line" not in json.dumps(f) for f in doc["findings"])
    # Deterministic: re-creating an unchanged baseline gives the same bytes.
    assert run_cli("baseline", "create", *S3_ONLY, root, "--output", base_file).returncode == 0
    assert base_file.read_bytes() == first

    clean = run_cli("scan", *S3_ONLY, root, "--baseline", base_file, "--json-output", tmp_path / "r.json")
    assert clean.returncode == 0, clean.stdout
    assert "mlcomply: 0 finding(s)" in clean.stdout

    # Moving the accepted resource down keeps it accepted; a new bucket is reported.
    write_files(root, {"infra/main.tf": "\n\n# moved\n" + bucket("old") + bucket("new")})
    res = run_cli("scan", *S3_ONLY, root, "--baseline", base_file, "--json-output", tmp_path / "r.json")
    assert res.returncode == 1
    out = json.loads((tmp_path / "r.json").read_text())
    active = {(f["rule_id"], f["address"]) for f in out["findings"] if f["suppression"] is None}
    assert active == {
        ("MLC-AWS-S3-001", "aws_s3_bucket.new"),
        ("MLC-AWS-S3-002", "aws_s3_bucket.new"),
        ("MLC-AWS-S3-003", "aws_s3_bucket.new"),
    }
    accepted = [f["suppression"] for f in out["findings"] if f["suppression"] is not None]
    assert accepted == [{"kind": "baseline", "justification": "accepted in the baseline", "source": str(base_file)}] * 3
    assert out["summary"]["suppressed"] == 3


def test_settings_drift_is_noted(make_repo, tmp_path: Path) -> None:
    select = "select_rules: [MLC-AWS-S3-001, MLC-AWS-S3-002, MLC-AWS-S3-003]\n"
    root = make_repo({"main.tf": bucket("b"), "c.yaml": select + "skip_rules: [MLC-AWS-S3-001]\n"})
    base_file = tmp_path / "b.json"
    assert run_cli("baseline", "create", root, "--output", base_file, "--config", root / "c.yaml").returncode == 0
    res = run_cli("scan", *S3_ONLY, root, "--baseline", base_file, "--fail-on", "low")
    assert res.returncode == 1  # the skipped rule's finding (low) is new
    assert f"baseline {base_file}: setting skip_rules was ['MLC-AWS-S3-001'], now []" in res.stderr
    assert f"baseline {base_file}: rules added since: MLC-AWS-S3-001" in res.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"version": 9, "settings": {}, "findings": []}', "format version 9 is newer than this mlcomply"),
        ('{"version": 1,\n "settings": {}\n "findings": []}', "line 3: not valid JSON"),
        (
            '{"version": 1, "settings": {}, "findings": [{"rule_id": "X"}]}',
            "findings/0: missing required keys 'fingerprint'",
        ),
    ],
)
def test_bad_baseline_is_a_usage_error(make_repo, tmp_path: Path, content: str, message: str) -> None:
    root = make_repo({"main.tf": bucket("b", "private")})
    (tmp_path / "b.json").write_text(content)
    res = run_cli("scan", *S3_ONLY, root, "--baseline", tmp_path / "b.json")
    assert res.returncode == 2
    assert f"read baseline {tmp_path / 'b.json'}: " in res.stderr
    assert message in res.stderr


def test_baseline_inside_the_repo_round_trips(make_repo) -> None:
    root = make_repo({"main.tf": bucket("b")})
    assert run_cli("baseline", "create", *S3_ONLY, "--output", ".mlcomply-baseline.json", cwd=root).returncode == 0
    git(root, "add", "-A")
    res = run_cli("scan", *S3_ONLY, "--baseline", ".mlcomply-baseline.json", cwd=root)
    assert res.returncode == 0, res.stdout + res.stderr

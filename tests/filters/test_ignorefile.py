from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.writers.test_json_out import validate_results

PUBLIC = 'resource "aws_s3_bucket" "{0}" {{\n  bucket = "acme-{0}"\n  acl = "public-read"\n}}\n'
TF = {"infra/site/main.tf": PUBLIC.format("www"), "infra/data/main.tf": PUBLIC.format("raw")}


def _scan(root: Path, out: Path, *extra: str | Path) -> tuple[dict[str, object], str]:
    res = run_cli("scan", root, "--json-output", out, *extra)
    assert res.returncode in (0, 1), res.stderr
    return json.loads(out.read_text()), res.stderr


def _suppressions(doc: dict[str, object], rule: str) -> dict[str, object]:
    return {f["address"]: f["suppression"] for f in doc["findings"] if f["rule_id"] == rule}  # type: ignore[index,union-attr]


def test_paths_address_reason_expiry(make_repo, tmp_path: Path) -> None:
    ignore = """\
version: 1
ignores:
  - rule: MLC-AWS-S3-002
    paths: ["infra/site/**"]
    reason: public website, approved in SEC-12
    until: 2999-01-01
  - rule: MLC-AWS-S3-001
    address: "aws_s3_bucket.r*"
    reason: encrypted by the account default
    until: 2001-01-01
  - rule: MLC-AWS-S3-003
    paths: ["nothing/**"]
    reason: stale entry
"""
    root = make_repo({**TF, ".mlcomply-ignore.yaml": ignore})
    doc, stderr = _scan(root, tmp_path / "r.json")
    acl = _suppressions(doc, "MLC-AWS-S3-002")
    assert acl["aws_s3_bucket.www"] == {
        "kind": "ignore-file",
        "justification": "public website, approved in SEC-12 (until 2999-01-01)",
        "source": ".mlcomply-ignore.yaml:3",
    }
    assert acl["aws_s3_bucket.raw"] is None
    # The address entry expired: the finding fires again and says so.
    raw = next(f for f in doc["findings"] if f["rule_id"] == "MLC-AWS-S3-001" and f["address"] == "aws_s3_bucket.raw")
    assert raw["suppression"] is None
    assert "suppression at .mlcomply-ignore.yaml:7 expired on 2001-01-01" in raw["message"]
    assert ".mlcomply-ignore.yaml:11: entry for MLC-AWS-S3-003 matched no finding" in stderr
    assert doc["summary"]["suppressed"] == 1
    validate_results(doc)  # suppressions and the expiry property fit the results schema


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "version: 1\nignores:\n  - rule: MLC-AWS-S3-002\n    paths: [x]\n",
            "line 3: ignores/0: missing required key 'reason'",
        ),
        (
            "version: 1\nignores:\n  - rule: MLC-AWS-S3-002\n    reason: ok\n    until: 31/12/2026\n",
            "line 5: ignores/0/until: expected a valid date",
        ),
        (
            "version: 1\nignores:\n  - rule: X\n    reason: ok\n    path: [x]\n",
            "line 3: ignores/0: unexpected key 'path'",
        ),
        ("version: 2\nignores: []\n", "line 1: version: expected 1"),
        ("version: 1\nignores: [\n", "line 3: not valid YAML"),
    ],
)
def test_invalid_ignore_file_names_file_and_line(make_repo, text: str, message: str) -> None:
    root = make_repo({**TF, "ignores.yaml": text})
    res = run_cli("scan", root, "--ignore-file", root / "ignores.yaml")
    assert res.returncode == 2
    assert f"read ignore file {root / 'ignores.yaml'}: " in res.stderr
    assert message.split(": ", 1)[0] in res.stderr
    assert message.split(": ", 1)[1].replace("not valid YAML", "invalid YAML") in res.stderr


def test_ignore_file_from_config_relative_to_it(make_repo, tmp_path: Path) -> None:
    ignore = "version: 1\nignores:\n  - rule: MLC-AWS-S3-002\n    reason: all public by design\n"
    root = make_repo({**TF, "ci/ignores.yaml": ignore, "ci/mlcomply.yaml": "ignore_file: ignores.yaml\n"})
    doc, _ = _scan(root, tmp_path / "r.json", "--config", root / "ci/mlcomply.yaml")
    assert all(s is not None for s in _suppressions(doc, "MLC-AWS-S3-002").values())
    assert doc["summary"]["suppressed"] == 2

"""checkov as an external engine (scanner/engines/checkov.py): mapping, merging, the real tool."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource

from scanner.engines import checkov
from scanner.errors import FatalError
from scanner.metadata import RuleMeta
from tests.conftest import REPO_ROOT, run_cli


def _installed() -> str | None:
    for candidate in (
        os.environ.get(checkov.ENV_VAR),
        shutil.which("checkov"),
        str(REPO_ROOT.parent / "venv-checkov" / "bin" / "checkov"),  # the conventional sibling venv
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


CHECKOV = _installed()

OURS = RuleMeta(
    id="MLC-AWS-S3-900",
    title="an equivalent rule of ours",
    severity="critical",
    category="privacy",
    nist_ai_rmf=("MEASURE 2.10",),
    description="d",
    remediation="r",
    input_kinds=("terraform",),
    checkov_ids=("CKV_AWS_9999",),
)


@pytest.mark.parametrize(
    ("check_id", "name", "expected"),
    [
        pytest.param("CKV_AWS_19", "whatever", ("encryption", "high", ("MEASURE 2.7", "MEASURE 2.10")), id="table"),
        pytest.param("CKV_AWS_9999", "Ensure logging", ("privacy", "critical", ("MEASURE 2.10",)), id="our rule"),
        pytest.param(
            "CKV_GCP_1234",
            "Ensure the disk is encrypted with CMK",
            ("encryption", "high", ("MEASURE 2.7", "MEASURE 2.10")),
            id="keyword",
        ),
        pytest.param(
            "CKV_AZURE_1234",
            "Ensure audit logs are kept",
            ("logging", "medium", ("MANAGE 4.1", "MEASURE 2.8")),
            id="logging",
        ),
        pytest.param("CKV_AWS_1234", "Ensure foo bar", ("network", "medium", ("MEASURE 2.7",)), id="default"),
    ],
)
def test_rule_meta_mapping(check_id: str, name: str, expected: tuple[str, str, tuple[str, ...]]) -> None:
    meta = checkov.rule_meta(check_id, name, [OURS])
    assert (meta.category, meta.severity, meta.nist_ai_rmf) == expected
    assert meta.id == check_id and meta.engine == "checkov"


def test_every_table_entry_is_a_known_category_and_severity() -> None:
    table = json.loads((REPO_ROOT / "scanner" / "engines" / "checkov_map.json").read_text())
    schema = json.loads((REPO_ROOT / "scanner" / "schemas" / "rule-metadata.schema.json").read_text())
    categories = set(schema["properties"]["category"]["enum"])
    severities = set(schema["properties"]["severity"]["enum"])
    assert set(table["categories"]) <= categories
    for check_id, entry in table["checks"].items():
        assert checkov._ID.match(check_id)
        assert entry["category"] in categories and entry["severity"] in severities


SARIF: dict[str, Any] = {
    "runs": [
        {
            "tool": {"driver": {"name": "Checkov", "rules": [{"id": "CKV_AWS_20", "name": "S3 public READ"}]}},
            "results": [
                {
                    "ruleId": "CKV_AWS_20",
                    "ruleIndex": 0,
                    "message": {"text": "S3 public READ"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": "infra/main.tf"},
                                "region": {"startLine": 3, "endLine": 6},
                            }
                        }
                    ],
                },
                {
                    "ruleId": "CKV_AWS_20",
                    "ruleIndex": 0,
                    "message": {"text": "S3 public READ"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": "infra/main.tf"},
                                "region": {"startLine": 3, "endLine": 6},
                            }
                        }
                    ],
                },
                {"ruleId": "not-a-checkov-id", "message": {"text": "x"}},
            ],
        }
    ]
}
REPORT = {
    "results": {
        "failed_checks": [
            {
                "check_id": "CKV_AWS_20",
                "file_path": "/infra/main.tf",
                "file_line_range": [3, 6],
                "resource": "aws_s3_bucket.b[1]",
            },
            {
                "check_id": "CKV_AWS_20",
                "file_path": "/infra/main.tf",
                "file_line_range": [3, 6],
                "resource": "aws_s3_bucket.b[0]",
            },
        ]
    }
}


def test_merge_keeps_ids_and_adds_addresses() -> None:
    metas, findings = checkov.merge(SARIF, REPORT, [])
    assert [m.id for m in metas] == ["CKV_AWS_20"]
    got = [(f.rule_id, f.path, f.start_line, f.end_line, f.address, f.category, f.severity) for f in findings]
    assert got == [
        ("CKV_AWS_20", "infra/main.tf", 3, 6, "aws_s3_bucket.b[0]", "public-access", "critical"),
        ("CKV_AWS_20", "infra/main.tf", 3, 6, "aws_s3_bucket.b[1]", "public-access", "critical"),
    ]
    assert len({f.fingerprint for f in findings}) == 2


def test_merge_without_json_report_still_gives_findings() -> None:
    _, findings = checkov.merge(SARIF, None, [])
    assert [(f.path, f.address) for f in findings] == [("infra/main.tf", None)] * 2


def test_missing_checkov_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(checkov.ENV_VAR, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(FatalError, match="no checkov executable"):
        checkov.find_checkov(None)
    with pytest.raises(FatalError, match="not an executable"):
        checkov.find_checkov(str(tmp_path / "nope"))


def test_cli_engine_without_checkov_exits_2(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "b" {}\n')
    proc = run_cli("scan", tmp_path, "--engine", "checkov", "--checkov-bin", tmp_path / "missing", cwd=tmp_path)
    assert proc.returncode == 2
    assert "engine checkov" in proc.stderr


def _validator() -> jsonschema.Draft202012Validator:
    schemas = REPO_ROOT / "scanner" / "schemas"
    docs = {p.name: json.loads(p.read_text()) for p in schemas.glob("*.schema.json")}
    registry: Registry = Registry().with_resources((d["$id"], Resource.from_contents(d)) for d in docs.values())
    return jsonschema.Draft202012Validator(docs["results.schema.json"], registry=registry)


@pytest.mark.skipif(CHECKOV is None, reason="checkov not installed (set MLCOMPLY_CHECKOV or put it on PATH)")
def test_real_checkov_merged(make_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = make_repo(
        {
            "main.tf": 'resource "aws_s3_bucket" "b" {\n  count  = 2\n  bucket = "b-${count.index}"\n'
            '  acl    = "public-read"\n}\nmodule "m" {\n  source = "./m"\n}\n',
            "m/main.tf": 'resource "aws_s3_bucket" "this" {\n  bucket = "m"\n  acl = "public-read-write"\n}\n',
        }
    )
    out, sarif = tmp_path / "out.json", tmp_path / "out.sarif"
    proc = run_cli(
        "scan", root, "--engine", "checkov", "--checkov-bin", str(CHECKOV),
        "--json-output", out, "--sarif-output", sarif, "-q", cwd=root,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(out.read_text())
    _validator().validate(doc)
    public = {(f["address"], f["path"]) for f in doc["findings"] if f["rule_id"] == "CKV_AWS_20"}
    assert public == {
        ("aws_s3_bucket.b[0]", "main.tf"),
        ("aws_s3_bucket.b[1]", "main.tf"),
        ("module.m.aws_s3_bucket.this", "m/main.tf"),
    }
    ours = {f["address"] for f in doc["findings"] if f["rule_id"] == "MLC-AWS-S3-002"}
    assert ours == {"aws_s3_bucket.b[0]", "aws_s3_bucket.b[1]", "module.m.aws_s3_bucket.this"}
    run = json.loads(sarif.read_text())["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(r["ruleId"] == ids[r["ruleIndex"]] for r in run["results"])

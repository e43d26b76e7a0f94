"""Plan JSON → the resource view (scanner/terraform/plan.py), and --terraform-plan."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scanner.errors import FatalError
from scanner.terraform import plan as terraform_plan
from tests.conftest import run_cli

TERRAFORM = shutil.which("terraform")


def change(
    address: str,
    after: dict[str, Any],
    unknown: dict[str, Any] | None = None,
    sensitive: dict[str, Any] | None = None,
    actions: tuple[str, ...] = ("create",),
    **extra: Any,
) -> dict[str, Any]:
    type_name, name = re.sub(r"^(module\.[^.]+\.)+", "", address).split("[")[0].split(".")
    return {
        "address": address,
        "mode": "managed",
        "type": type_name,
        "name": name,
        **extra,
        "change": {
            "actions": list(actions),
            "after": after,
            "after_unknown": unknown or {},
            "after_sensitive": sensitive or {},
        },
    }


def config_resource(address: str, **expressions: Any) -> dict[str, Any]:
    return {"address": address, "expressions": expressions}


PLAN: dict[str, Any] = {
    "format_version": "1.2",
    "terraform_version": "1.11.4",
    "planned_values": {"root_module": {}},
    "resource_changes": [
        change(
            "aws_s3_bucket.b",
            {"bucket": "acme", "acl": "public-read"},
            {"id": True, "arn": True, "server_side_encryption_configuration": True},
        ),
        change("aws_s3_bucket.c[0]", {"bucket": "c-0"}, {"id": True}, index=0),
        change(
            "aws_s3_bucket_server_side_encryption_configuration.s",
            {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]},
            {"bucket": True, "id": True},
        ),
        change("aws_s3_bucket_acl.c[0]", {"acl": "private"}, {"bucket": True}, index=0),
        change("aws_db_instance.db", {"password": "hunter2-secret"}, sensitive={"password": True}),
        change("aws_s3_bucket.gone", {}, actions=("delete",)),
        change("aws_s3_bucket_acl.ext", {}, {"bucket": True}),
        change("aws_s3_bucket_acl.mod", {}, {"bucket": True}),
        change(
            'module.m["a"].aws_s3_bucket.this',
            {"bucket": "m-a"},
            {"id": True},
            module_address='module.m["a"]',
            index=None,
        ),
    ],
    "configuration": {
        "root_module": {
            "resources": [
                config_resource("aws_s3_bucket.b", bucket={"constant_value": "acme"}),
                config_resource(
                    "aws_s3_bucket_server_side_encryption_configuration.s",
                    bucket={"references": ["aws_s3_bucket.b.id", "aws_s3_bucket.b"]},
                ),
                config_resource(
                    "aws_s3_bucket_acl.c",
                    bucket={"references": ["aws_s3_bucket.c", "count.index"]},
                ),
                config_resource(
                    "aws_s3_bucket_acl.ext",
                    bucket={"references": ["data.aws_s3_bucket.x.id", "data.aws_s3_bucket.x"]},
                ),
                config_resource("aws_s3_bucket_acl.mod", bucket={"references": ["module.n.bucket", "module.n"]}),
            ],
            "module_calls": {
                "n": {
                    "module": {
                        "outputs": {"bucket": {"expression": {"references": ["aws_s3_bucket.x.id", "aws_s3_bucket.x"]}}}
                    }
                }
            },
        }
    },
}
# module.n.aws_s3_bucket.x exists in the plan only through planned_values.
PLAN["planned_values"]["root_module"] = {
    "child_modules": [
        {
            "address": "module.n",
            "resources": [
                {
                    "address": "module.n.aws_s3_bucket.x",
                    "mode": "managed",
                    "type": "aws_s3_bucket",
                    "name": "x",
                    "values": {"bucket": "n-x"},
                }
            ],
        }
    ]
}


@pytest.fixture(scope="module")
def view() -> dict[str, dict[str, Any]]:
    doc = terraform_plan.from_text("plan.json", json.dumps(PLAN, indent=1).encode())
    assert doc.kind == "terraform"
    return {r["address"]: r for r in doc.data["resources"]}


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        pytest.param(
            "aws_s3_bucket.b",
            {"acl": "public-read", "bucket": "acme"},
            id="computed unset attributes left out",
        ),
        pytest.param(
            "aws_s3_bucket_server_side_encryption_configuration.s",
            {
                "bucket": "aws_s3_bucket.b",
                "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}],
            },
            id="unknown reference rendered as address",
        ),
        pytest.param("aws_s3_bucket_acl.c[0]", {"acl": "private", "bucket": "aws_s3_bucket.c[0]"}, id="count.index"),
        pytest.param(
            "aws_db_instance.db",
            {"password": {"__unknown__": "(sensitive value)"}},
            id="sensitive value hidden",
        ),
        pytest.param(
            "aws_s3_bucket_acl.ext",
            {"bucket": {"__unknown__": "data.aws_s3_bucket.x.id"}},
            id="data source unknown",
        ),
        pytest.param("aws_s3_bucket_acl.mod", {"bucket": "module.n.aws_s3_bucket.x"}, id="module output rendered"),
        pytest.param('module.m["a"].aws_s3_bucket.this', {"bucket": "m-a"}, id="module instance"),
        pytest.param("module.n.aws_s3_bucket.x", {"bucket": "n-x"}, id="planned_values only"),
    ],
)
def test_plan_config(view: dict[str, dict[str, Any]], address: str, expected: dict[str, Any]) -> None:
    assert view[address]["config"] == expected


def test_plan_resource_fields(view: dict[str, dict[str, Any]]) -> None:
    r = view['module.m["a"].aws_s3_bucket.this']
    assert {k: r[k] for k in ("type", "name", "mode", "module", "file")} == {
        "type": "aws_s3_bucket",
        "name": "this",
        "mode": "managed",
        "module": 'module.m["a"]',
        "file": "plan.json",
    }
    assert r["line"] > 1  # pretty-printed plan: the line of the address
    assert "aws_s3_bucket.gone" not in view
    assert "hunter2" not in json.dumps(view)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(b'{"format_version": "1.0", "terraform_version": "1", ', "invalid plan JSON", id="truncated"),
        pytest.param(b'{"format_version": "1.0", "terraform_version": "1", "values": {}}', "state file", id="state"),
    ],
)
def test_bad_plan_json(text: bytes, message: str) -> None:
    with pytest.raises(Exception, match=message):
        terraform_plan.from_text("plan.json", text)


def test_plan_json_in_a_repo_is_recognised_by_content(make_repo: Callable[..., Path], scan_repo: Any) -> None:
    root = make_repo({"deploy/plan.json": json.dumps(PLAN, indent=1), "other.json": '{"format_version": 1}'})
    result = scan_repo(root)
    assert result.errors == []
    got = {(f.rule_id, f.address, f.path) for f in result.findings if f.rule_id.startswith("MLC-AWS-S3")}
    assert ("MLC-AWS-S3-002", "aws_s3_bucket.b", "deploy/plan.json") in got
    # the encryption configuration joins aws_s3_bucket.b through its rendered reference
    assert ("MLC-AWS-S3-001", "aws_s3_bucket.b", "deploy/plan.json") not in got
    assert ("MLC-AWS-S3-001", "aws_s3_bucket.c[0]", "deploy/plan.json") in got


def test_saved_plan_without_terraform_is_a_clear_error(tmp_path: Path) -> None:
    plan = tmp_path / "tfplan"
    plan.write_bytes(b"PK\x03\x04 not json")
    proc = run_cli("scan", tmp_path, "--terraform-plan", plan, cwd=tmp_path, env={"PATH": str(tmp_path)})
    assert proc.returncode == 2
    assert "needs terraform on PATH" in proc.stderr


def test_plan_json_given_directly_needs_no_terraform(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(PLAN))
    doc = terraform_plan.load_plan(plan)
    assert "aws_s3_bucket.b" in {r["address"] for r in doc.data["resources"]}


def test_unreadable_plan_is_fatal(tmp_path: Path) -> None:
    with pytest.raises(FatalError, match="read terraform plan"):
        terraform_plan.load_plan(tmp_path / "missing")


CONFIG = """\
variable "acl" {
  default = "public-read"
}
resource "terraform_data" "bucket" {
  input = { acl = var.acl }
}
resource "terraform_data" "many" {
  count = 2
  input = "m-${count.index}"
}
resource "terraform_data" "ref" {
  input = terraform_data.many[1].id
}
resource "terraform_data" "per" {
  count = 2
  input = terraform_data.many[count.index].id
}
"""

POLICY = """\
# METADATA
# title: terraform_data with a public ACL input
# description: Test policy over the plan view.
# custom:
#   id: MLC-TEST-001
#   severity: high
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7]
#   remediation: Make it private.
#   input_kinds: [terraform]
package test.plan_public

import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some r in terraform.resources("terraform_data")
	r.config.input.acl == "public-read"
	res := result.resource("public", r)
}

deny contains res if {
	some r in terraform.resources("terraform_data")
	is_string(r.config.input)
	startswith(r.config.input, "terraform_data.many[")
	res := result.resource(sprintf("joined to %s", [r.config.input]), r)
}
"""


@pytest.mark.skipif(TERRAFORM is None, reason="terraform binary not on PATH")
def test_real_terraform_plan(tmp_path: Path) -> None:
    work = tmp_path / "tf"
    work.mkdir()
    (work / "main.tf").write_text(CONFIG)
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "plan_public.rego").write_text(POLICY)
    env = {
        **os.environ,
        "AWS_EC2_METADATA_DISABLED": "true",
        "TF_IN_AUTOMATION": "1",
        "CHECKPOINT_DISABLE": "1",
        "TF_CLI_CONFIG_FILE": os.devnull,
        "TF_DATA_DIR": str(work / ".terraform"),
    }
    # No provider and no backend: terraform_data is built in, nothing is downloaded.
    for args in (
        ["init", "-input=false", "-backend=false"],
        ["plan", "-input=false", "-lock=false", "-out=tfplan"],
    ):
        subprocess.run([str(TERRAFORM), *args], cwd=work, env=env, check=True, capture_output=True, timeout=60)
    (tmp_path / "empty").mkdir()
    out = tmp_path / "out.json"
    proc = run_cli(
        "scan", tmp_path / "empty", "--terraform-plan", work / "tfplan", "--policy-dir", policies,
        "--json-output", out, "-q", cwd=tmp_path, env=env,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(out.read_text())["findings"]
    assert {(f["rule_id"], f["address"], f["message"]) for f in findings if f["rule_id"] == "MLC-TEST-001"} == {
        ("MLC-TEST-001", "terraform_data.bucket", "public"),
        ("MLC-TEST-001", "terraform_data.ref", "joined to terraform_data.many[1]"),
        ("MLC-TEST-001", "terraform_data.per[0]", "joined to terraform_data.many[0]"),
        ("MLC-TEST-001", "terraform_data.per[1]", "joined to terraform_data.many[1]"),
    }

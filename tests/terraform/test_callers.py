"""Findings in a module called from several root modules: one per caller (scanner/terraform/callers.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from scanner.documents import Document, Span
from scanner.findings import Hit
from scanner.terraform.callers import with_caller
from tests.conftest import run_cli

BUCKET_MODULE = """
variable "name" {
  type = string
}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
"""


def _root(name: str) -> str:
    return f'module "data" {{\n  source = "../../modules/bucket"\n  name   = "acme-{name}"\n}}\n'


def test_each_root_calling_a_module_gets_its_own_finding(make_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = make_repo(
        {
            "modules/bucket/main.tf": BUCKET_MODULE,
            "envs/dev/main.tf": _root("dev"),
            "envs/prod/main.tf": _root("prod"),
            # A resource of a root's own: no caller, its message and identity as before.
            "envs/prod/logs.tf": 'resource "aws_s3_bucket" "own" {\n  bucket = "acme-own"\n}\n',
        }
    )
    out = tmp_path / "out.json"
    proc = run_cli("scan", root, "--json-output", out, "--fail-on", "none", env={"AWS_EC2_METADATA_DISABLED": "true"})
    assert proc.returncode == 0, proc.stderr
    found = [f for f in json.loads(out.read_text())["findings"] if f["rule_id"] == "MLC-AWS-S3-001"]
    in_module = sorted((f for f in found if f["path"] == "modules/bucket/main.tf"), key=lambda f: f["message"])
    assert [f["message"] for f in in_module] == [
        "S3 bucket module.data.aws_s3_bucket.this has no server-side encryption configuration"
        " (in a module called from root module envs/dev)",
        "S3 bucket module.data.aws_s3_bucket.this has no server-side encryption configuration"
        " (in a module called from root module envs/prod)",
    ]
    assert len({f["fingerprint"] for f in in_module}) == 2
    assert [f["properties"]["caller"] for f in in_module] == ["envs/dev", "envs/prod"]
    assert [f["message"] for f in found if f["path"] == "envs/prod/logs.tf"] == [
        "S3 bucket aws_s3_bucket.own has no server-side encryption configuration"
    ]


def _doc(path: str, span_path: str) -> Document:
    address = "module.m.aws_s3_bucket.b"
    return Document(kind="terraform", path=path, data={}, addresses={address: Span(span_path, 3, 5)})


def test_caller_only_on_module_resources_of_root_module_documents() -> None:
    hit = Hit(message="m", address="module.m.aws_s3_bucket.b")
    top = with_caller(_doc(".", "modules/m/main.tf"), hit)
    assert (top.caller, top.message) == (".", "m (in a module called from the top-level root module)")
    assert top.properties == {"caller": "."}
    # A plan is one file holding every module's resources: nothing to tell apart.
    assert with_caller(_doc("plan.json", "plan.json"), hit) == hit
    assert with_caller(_doc(".", "main.tf"), Hit(message="m", address="aws_s3_bucket.b")) == Hit(
        message="m", address="aws_s3_bucket.b"
    )
    other_kind = Document(kind="yaml", path="x.yaml", data={})
    assert with_caller(other_kind, hit) == hit

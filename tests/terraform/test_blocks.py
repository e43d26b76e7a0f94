"""Every block shape HCL allows (scanner/terraform/blocks.py), and repositories shaped like the
real ones that crashed on two `locals {}` blocks in one file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygohcl
import pytest

from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.terraform import blocks
from tests.terraform.test_load import UNKNOWN, load

FIXTURES = Path(__file__).parent / "fixtures"

REPEATED = """
terraform {
  required_version = ">= 1.5"
}
terraform {
  backend "local" {}
}
provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
locals {
  a = "one"
}
locals {
  b = "two"
}
moved {
  from = t.old
  to   = t.r
}
moved {
  from = t.old2
  to   = t.s
}
import {
  to = t.r
  id = "r"
}
import {
  to = t.s
  id = "s"
}
check "one" {
  assert {
    condition     = true
    error_message = "x"
  }
}
check "two" {
  assert {
    condition     = true
    error_message = "y"
  }
}
removed {
  from = t.gone
}
removed {
  from = t.gone2
}
resource "t" "r" {
  v = local.a
}
"""

# (name, raw blocks as a parser gives them, block type, expected normalised shape)
SHAPES: list[tuple[str, dict[str, Any], str, Any]] = [
    ("one locals block", {"locals": {"a": 1}}, "locals", {"a": 1}),
    ("two locals blocks (pygohcl list)", {"locals": [{"a": 1}, {"b": 2}]}, "locals", {"a": 1, "b": 2}),
    ("locals list in Terraform JSON", {"locals": [{"a": 1}, {"b": 2}, "junk"]}, "locals", {"a": 1, "b": 2}),
    ("locals of the wrong type", {"locals": "x"}, "locals", {}),
    ("variable as dict", {"variable": {"x": {"default": 1}}}, "variable", {"x": {"default": 1}}),
    ("variable body as list (JSON)", {"variable": {"x": [{"default": 1}]}}, "variable", {"x": {"default": 1}}),
    (
        "module list of objects (JSON)",
        {"module": [{"a": {"source": "./a"}}, {"b": {"source": "./b"}}]},
        "module",
        {"a": {"source": "./a"}, "b": {"source": "./b"}},
    ),
    (
        "repeated label keeps the first",
        {"output": [{"o": {"value": 1}}, {"o": {"value": 2}}]},
        "output",
        {"o": {"value": 1}},
    ),
    ("resource as dict", {"resource": {"t": {"r": {"v": 1}}}}, "resource", {"t": {"r": {"v": 1}}}),
    (
        "resource as lists (JSON)",
        {"resource": [{"t": [{"r": [{"v": 1}]}]}, {"t": {"s": {"v": 2}}}]},
        "resource",
        {"t": {"r": {"v": 1}, "s": {"v": 2}}},
    ),
    (
        "provider aliases",
        {"provider": {"aws": [{"region": "a"}, {"alias": "b"}]}},
        "provider",
        {"aws": [{"region": "a"}, {"alias": "b"}]},
    ),
    ("provider once", {"provider": {"aws": {"region": "a"}}}, "provider", {"aws": [{"region": "a"}]}),
    ("one terraform block", {"terraform": {"required_version": "1"}}, "terraform", [{"required_version": "1"}]),
    ("moved blocks", {"moved": [{"from": "a"}, {"from": "b"}]}, "moved", [{"from": "a"}, {"from": "b"}]),
    (
        "check blocks",
        {"check": {"one": {"assert": {}}, "two": {"assert": {}}}},
        "check",
        {"one": {"assert": {}}, "two": {"assert": {}}},
    ),
]


@pytest.mark.parametrize(("raw", "block_type", "expected"), [s[1:] for s in SHAPES], ids=[s[0] for s in SHAPES])
def test_normalise_shapes(raw: dict[str, Any], block_type: str, expected: Any) -> None:
    assert blocks.normalise(raw)[block_type] == expected


def test_pygohcl_repeated_blocks_normalise() -> None:
    raw = blocks.normalise(pygohcl.loads(REPEATED))
    assert raw["locals"] == {"a": "one", "b": "two"}
    assert len(raw["terraform"]) == 2 and len(raw["moved"]) == 2 and len(raw["import"]) == 2
    assert len(raw["removed"]) == 2 and len(raw["provider"]["aws"]) == 2
    assert set(raw["check"]) == {"one", "two"}


def test_repeated_blocks_load(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"main.tf": REPEATED}, git_repo=False)
    docs, errors = load(root)
    assert errors == []
    (resource,) = docs[0].data["resources"]
    assert resource["config"]["v"] == "one"


def test_two_locals_blocks_in_a_child_module_keep_taint(make_repo: Callable[..., Path]) -> None:
    """A sensitive variable stays sensitive through a local in the second block."""
    child = (
        'variable "token" {\n  type = string\n  sensitive = true\n}\n'
        'locals {\n  prefix = "x"\n}\n'
        'locals {\n  header = "Bearer ${var.token}"\n}\n'
        'resource "t" "r" {\n  name = local.prefix\n  auth = local.header\n}\n'
    )
    root = make_repo(
        {
            "main.tf": 'module "c" {\n  source = "./child"\n  token = "abc"\n}\n',
            "child/main.tf": child,
            "child/extra.tf": "locals {\n  other = 1\n}\nlocals {\n  more = 2\n}\n",
        },
        git_repo=False,
    )
    docs, errors = load(root)
    assert errors == []
    (resource,) = docs[0].data["resources"]
    assert resource["config"]["name"] == "x"
    assert UNKNOWN in resource["config"]["auth"]


# (fixture folder, expected (rule, address) pairs, pairs that must not be reported)
REAL_SHAPES = [
    (
        "sagemaker-module",
        {
            ("MLC-AWS-SAGEMAKER-001", "module.notebook.aws_sagemaker_notebook_instance.this"),
            ("MLC-AWS-SAGEMAKER-002", "module.notebook.aws_sagemaker_notebook_instance.this"),
            ("MLC-AWS-SAGEMAKER-004", "module.notebook.aws_sagemaker_notebook_instance.this"),
        },
        set(),
    ),
    (
        "s3-bucket-module",
        {
            ("MLC-AWS-S3-002", "module.s3_bucket.aws_s3_bucket_acl.this[0]"),
            ("MLC-AWS-S3-001", "module.s3_bucket.aws_s3_bucket.this[0]"),
            ("MLC-AWS-S3-003", "module.s3_bucket.aws_s3_bucket.this[0]"),
        },
        {("MLC-AWS-S3-006", "module.s3_bucket.aws_s3_bucket.this[0]")},  # versioning = true
    ),
    (
        "azure-ml-sample",
        {
            ("MLC-AZURE-STORAGE-001", "azurerm_storage_account.sa"),
            ("MLC-AZURE-STORAGE-002", "azurerm_storage_account.sa"),
            ("MLC-AZURE-ML-001", "azurerm_machine_learning_workspace.ws"),
        },
        set(),
    ),
]


@pytest.mark.parametrize(("folder", "expected", "absent"), REAL_SHAPES, ids=[r[0] for r in REAL_SHAPES])
def test_real_repository_shapes(
    tmp_path: Path, builtin_rules: RuleSet, folder: str, expected: set[tuple[str, str]], absent: set[tuple[str, str]]
) -> None:
    root = tmp_path / folder
    shutil.copytree(FIXTURES / folder, root)
    result = scan([root], builtin_rules)
    assert result.errors == []
    found = {(f.rule_id, f.address) for f in result.findings}
    assert expected <= found
    assert not absent & found

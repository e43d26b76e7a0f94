"""A generated repository with many Terraform root modules and one file of every other kind, for
the tests that compare `--jobs` and cached scans with the plain in-process scan."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import init_repo

POLICY = """# METADATA
# title: Security group names are numbers
# description: A user policy that fails at run time on some root modules (to_number of a name).
# custom:
#   id: MLC-USER-009
#   severity: low
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   remediation: Fix the policy please.
#   input_kinds: [terraform]
package user.boom

import rego.v1

deny contains msg if {
\tsome r in input.content.resources
\tr.type == "aws_security_group"
\tn := to_number(r.config.name)
\tmsg := sprintf("group %v", [n])
}
"""

RULE = """
from scanner.findings import Hit
from scanner.pyrules import PythonRule


class Raises(PythonRule):
    id = "MLC-USER-010"
    title = "A rule with a bug on some roots"
    severity = "low"
    category = "network"
    nist_ai_rmf = ("MEASURE 2.7",)
    description = "Raises on root modules whose path ends in 3."
    remediation = "Fix the rule please."
    input_kinds = ("terraform",)

    def check(self, doc, ctx):
        if doc.path.endswith("3"):
            raise KeyError("boom")
        yield Hit(f"{len(doc.data['resources'])} resources")


RULES = [Raises]
"""


def _root(i: int) -> dict[str, str]:
    d = f"stacks/s{i:03d}"
    group = f"{i}" if i % 4 == 0 else f"sg-{i}"  # a number-named group makes the policy fail
    return {
        f"{d}/main.tf": f"""locals {{
  name = "ml-{i}-${{var.env}}"
}}

module "data" {{
  source  = "./modules/storage"
  name    = local.name
  encrypt = {str(i % 3 != 0).lower()}
}}

module "common" {{
  source = "../../common/logs"
  prefix = local.name
}}

resource "aws_security_group" "sg" {{
  name = var.sg_name
  ingress {{
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
""",
        f"{d}/variables.tf": 'variable "env" {\n  type = string\n}\n\nvariable "sg_name" {}\n',
        f"{d}/terraform.tfvars": f'env = "{"prod" if i % 2 else "dev"}"\nsg_name = "{group}"\n',
        f"{d}/modules/storage/main.tf": """resource "aws_s3_bucket" "b" {
  bucket = var.name
}

resource "aws_s3_bucket_server_side_encryption_configuration" "e" {
  count  = var.encrypt ? 1 : 0
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
""",
        f"{d}/modules/storage/variables.tf": 'variable "name" {}\nvariable "encrypt" {}\n',
    }


OTHER_KINDS: dict[str, str] = {
    "common/logs/main.tf": 'variable "prefix" {}\n\nresource "aws_s3_bucket" "logs" {\n'
    '  bucket = "${var.prefix}-logs"\n}\n',
    "broken/main.tf": 'resource "aws_s3_bucket" "x" {\n  bucket = \n}\n',  # a parse error
    "big/main.tf": 'resource "aws_s3_bucket" "big" {\n  bucket = "big"\n  tags = {\n'
    + "".join(f'    t{n} = "{"v" * 40}"\n' for n in range(80))
    + "  }\n}\n",  # over the max_hcl_bytes budget the tests set
    "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: serve\nspec:\n  template:\n"
    "    spec:\n      containers:\n        - name: s\n          image: python:latest\n"
    "          securityContext:\n            privileged: true\n",
    ".github/workflows/ci.yml": "on: pull_request_target\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n",
    "data/train.csv.dvc": "outs:\n- path: train.csv\n",
    "notebooks/explore.ipynb": json.dumps(
        {
            "cells": [{"cell_type": "code", "source": ["import os\n"], "metadata": {}, "outputs": []}],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    ),
    "data/people.csv": "name,email\nAda,ada@example.org\n",
    "config/settings.env": "DB_PASSWORD=hunter2hunter2hunter2\n",
    "MLproject": "name: m\nentry_points:\n  main:\n    command: python train.py\n",
    "model/README.md": "---\nlicense: mit\n---\n# Model card\n",
    "broken.yaml": "a: [1, 2\n",
    "plan/tfplan.json": json.dumps(
        {
            "format_version": "1.2",
            "terraform_version": "1.9.0",
            "planned_values": {
                "root_module": {
                    "resources": [
                        {
                            "address": "aws_s3_bucket.p",
                            "mode": "managed",
                            "type": "aws_s3_bucket",
                            "name": "p",
                            "values": {"bucket": "p"},
                        }
                    ]
                }
            },
            "configuration": {"root_module": {}},
        }
    ),
}


def many_roots(root: Path, roots: int) -> Path:
    """A git repository with `roots` root modules (each calling its own module and a shared one)
    and one file of each other kind, a parse error and a file over the HCL size budget."""
    files: dict[str, str] = dict(OTHER_KINDS)
    for i in range(roots):
        files.update(_root(i))
    return init_repo(root, files)


def rules_folders(where: Path) -> tuple[Path, Path]:
    """A Rego policy and a Python rule that fail on some root modules: (policy dir, rules dir)."""
    (where / "policies").mkdir(parents=True)
    (where / "policies" / "boom.rego").write_text(POLICY)
    (where / "rules").mkdir()
    (where / "rules" / "raises.py").write_text(RULE)
    return where / "policies", where / "rules"

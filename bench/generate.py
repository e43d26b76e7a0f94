"""Generate a synthetic ML-infrastructure repository with N Terraform resources.

The mix is what a data/ML platform looks like: buckets with and without encryption and public
access blocks, ACLs, KMS keys, spread over root files and a local module called with for_each,
plus Kubernetes manifests. About a third of the buckets are misconfigured.

    python bench/generate.py 10000 /tmp/bench-10k
    python bench/generate.py --roots 200 /tmp/bench-200roots   (200 root modules, a git repository)

The many-roots shape is what an ML platform repository looks like: one folder per stack
(`stacks/<team>-<n>/`), each a root module with its variables, locals, tfvars and cross-file
references, calling two shared local modules (a data lake bucket and a SageMaker endpoint) that
take its KMS key; 18 resources per root, some misconfigured.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from pathlib import Path

RESOURCES_PER_FILE = 100
# Each "unit" writes 4 resources: bucket, encryption, public access block, ACL.
UNIT = 4


def _unit(i: int, prefix: str = "") -> str:
    broken = i % 3 == 0
    enc = (
        ""
        if broken
        else f"""
resource "aws_s3_bucket_server_side_encryption_configuration" "b{i}" {{
  bucket = aws_s3_bucket.b{i}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "aws:kms"
    }}
  }}
}}
"""
    )
    if broken:
        enc = f"""
resource "aws_kms_key" "k{i}" {{
  description         = "key {i}"
  enable_key_rotation = true
}}
"""
    return f"""
resource "aws_s3_bucket" "b{i}" {{
  bucket = "{prefix}bucket-{i}"
  tags = {{
    team    = "ml-platform"
    dataset = "set-{i % 17}"
  }}
}}
{enc}
resource "aws_s3_bucket_public_access_block" "b{i}" {{
  bucket                  = aws_s3_bucket.b{i}.id
  block_public_acls       = true
  block_public_policy     = {"false" if i % 5 == 0 else "true"}
  ignore_public_acls      = true
  restrict_public_buckets = true
}}

resource "aws_s3_bucket_acl" "b{i}" {{
  bucket = aws_s3_bucket.b{i}.id
  acl    = "{"public-read" if i % 7 == 0 else "private"}"
}}
"""


def _pod(i: int) -> str:
    image = "ghcr.io/acme/trainer:1.0" if i % 2 else "ghcr.io/acme/trainer@sha256:" + "ab" * 32
    return f"""apiVersion: batch/v1
kind: Job
metadata:
  name: train-{i}
spec:
  template:
    spec:
      containers:
        - name: train
          image: {image}
          args: ["--shard", "{i}"]
"""


def generate(resources: int, out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    units = max(1, resources // UNIT)
    root_units = units * 3 // 4  # a quarter of the resources live in a module instance
    per_file = RESOURCES_PER_FILE // UNIT
    infra = out / "infra"
    infra.mkdir(parents=True)
    for start in range(0, root_units, per_file):
        body = "".join(_unit(i) for i in range(start, min(start + per_file, root_units)))
        (infra / f"buckets_{start // per_file:04d}.tf").write_text(body)
    module_units = units - root_units
    mod = infra / "modules" / "lake"
    mod.mkdir(parents=True)
    (mod / "variables.tf").write_text('variable "name" {}\n')
    for start in range(0, module_units, per_file):
        body = "".join(_unit(i, "${var.name}-") for i in range(start, min(start + per_file, module_units)))
        (mod / f"lake_{start // per_file:04d}.tf").write_text(body)
    (infra / "lake.tf").write_text('module "lake" {\n  source = "./modules/lake"\n  name   = "acme"\n}\n')
    k8s = out / "k8s"
    k8s.mkdir()
    for i in range(max(1, resources // 100)):
        (k8s / f"job_{i:04d}.yaml").write_text(_pod(i))
    return out


LAKE_MODULE = {
    "variables.tf": """variable "name" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

variable "public" {
  type    = bool
  default = false
}
""",
    "main.tf": """resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = !var.public
  block_public_policy     = !var.public
  ignore_public_acls      = !var.public
  restrict_public_buckets = !var.public
}

resource "aws_s3_bucket_logging" "this" {
  bucket        = aws_s3_bucket.this.id
  target_bucket = aws_s3_bucket.this.id
  target_prefix = "access/"
}
""",
    "outputs.tf": """output "bucket" {
  value = aws_s3_bucket.this.bucket
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
""",
}

ENDPOINT_MODULE = {
    "variables.tf": """variable "name" {
  type = string
}

variable "model_data" {
  type = string
}

variable "role_arn" {
  type = string
}

variable "kms_key_arn" {
  type    = string
  default = null
}
""",
    "main.tf": """resource "aws_sagemaker_model" "this" {
  name               = var.name
  execution_role_arn = var.role_arn
  primary_container {
    image          = "123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.4"
    model_data_url = var.model_data
  }
}

resource "aws_sagemaker_endpoint_configuration" "this" {
  name        = "${var.name}-config"
  kms_key_arn = var.kms_key_arn
  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.this.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}

resource "aws_sagemaker_endpoint" "this" {
  name                 = var.name
  endpoint_config_name = aws_sagemaker_endpoint_configuration.this.name
}
""",
}


def _root_files(i: int) -> dict[str, str]:
    """One stack: a KMS key, an IAM role, a notebook, two lakes and an endpoint (18 resources)."""
    public = "true" if i % 9 == 0 else "false"
    endpoint_kms = "" if i % 4 == 0 else "\n  kms_key_arn = aws_kms_key.data.arn"
    notebook_kms = "" if i % 3 == 0 else "\n  kms_key_id    = aws_kms_key.data.arn"
    return {
        "variables.tf": """variable "env" {
  type    = string
  default = "dev"
}

variable "team" {
  type = string
}

variable "instance_type" {
  type    = string
  default = "ml.t3.medium"
}
""",
        "terraform.tfvars": f'team = "team{i % 23}"\nenv  = "{("dev", "stage", "prod")[i % 3]}"\n',
        "locals.tf": f"""locals {{
  name = "${{var.team}}-${{var.env}}-{i:04d}"
  tags = {{
    team  = var.team
    stack = "{i:04d}"
  }}
}}
""",
        "kms.tf": f"""resource "aws_kms_key" "data" {{
  description         = "${{local.name}} data"
  enable_key_rotation = {"false" if i % 5 == 0 else "true"}
  tags                = local.tags
}}

resource "aws_kms_alias" "data" {{
  name          = "alias/${{local.name}}"
  target_key_id = aws_kms_key.data.key_id
}}
""",
        "storage.tf": f"""module "raw" {{
  source      = "../../modules/lake"
  name        = "${{local.name}}-raw"
  kms_key_arn = aws_kms_key.data.arn
  public      = {public}
}}

module "features" {{
  source      = "../../modules/lake"
  name        = "${{local.name}}-features"
  kms_key_arn = aws_kms_key.data.arn
}}
""",
        "sagemaker.tf": f"""resource "aws_iam_role" "sagemaker" {{
  name = "${{local.name}}-sagemaker"
  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = {{ Service = "sagemaker.amazonaws.com" }}
    }}]
  }})
}}

resource "aws_sagemaker_notebook_instance" "research" {{
  name          = local.name
  role_arn      = aws_iam_role.sagemaker.arn
  instance_type = var.instance_type
  direct_internet_access = "{"Enabled" if i % 2 else "Disabled"}"{notebook_kms}
}}

module "serve" {{
  source     = "../../modules/endpoint"
  name       = local.name
  role_arn   = aws_iam_role.sagemaker.arn
  model_data = "s3://${{module.features.bucket}}/model.tar.gz"{endpoint_kms}
}}
""",
    }


def generate_roots(roots: int, out: Path, commit: bool = True) -> Path:
    """`roots` root modules under `out/stacks/`, calling shared modules under `out/modules/`; a
    git repository with everything committed when `commit` (users scan checkouts)."""
    if out.exists():
        shutil.rmtree(out)
    for name, files in (("lake", LAKE_MODULE), ("endpoint", ENDPOINT_MODULE)):
        for rel, text in files.items():
            _write(out / "modules" / name / rel, text)
    for i in range(roots):
        for rel, text in _root_files(i).items():
            _write(out / "stacks" / f"stack-{i:04d}" / rel, text)
    if commit:
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(out)}
        ident = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
        for args in (["init", "-q", "-b", "main"], ["add", "-A"], [*ident, "commit", "-q", "-m", "generated"]):
            subprocess.run(["git", *args], cwd=out, env=env, check=True, capture_output=True)
    return out


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", type=int, help="resources (or root modules with --roots)")
    parser.add_argument("out", type=Path)
    parser.add_argument("--roots", action="store_true", help="generate SIZE root modules (the many-roots shape)")
    args = parser.parse_args()
    if args.roots:
        generate_roots(args.size, args.out)
    else:
        generate(args.size, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

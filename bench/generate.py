"""Generate a synthetic ML-infrastructure repository with N Terraform resources.

The mix is what a data/ML platform looks like: buckets with and without encryption and public
access blocks, ACLs, KMS keys, spread over root files and a local module called with for_each,
plus Kubernetes manifests. About a third of the buckets are misconfigured.

    python bench/generate.py 10000 /tmp/bench-10k
"""

from __future__ import annotations

import argparse
import shutil
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("resources", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    generate(args.resources, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

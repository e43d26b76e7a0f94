"""`--jobs` and the Terraform results cache, measured on a generated many-roots repository.

    python bench/parallel_cache.py --roots 200 --runs 3

Generates N root modules shaped like an ML platform's environments (each root calls a module of
its own and two shared ones, with variables, tfvars, locals and cross-file references; plus a
Kubernetes manifest and a README per root), then measures, interleaved (A B C A B C ...):

- the real command line, `mlcomply scan -q` as a whole process tree (wall, CPU of the parent and
  every child: pool workers and parser processes, peak RSS summed over the tree): `--jobs 1
  --no-cache`, `--jobs 2 --no-cache`, a cold cache and a warm cache;
- the Terraform stage alone, in this process (`scan.load_documents`, the stage workers and the
  cache change), so the figure is not hidden behind the rest of the scan;
- the pool threshold: `--jobs 2` with the pool forced on at small sizes, against `--jobs 1`
  (what terraform.spread.MIN_UNITS_FOR_POOL is set from).

Medians (and minimums) per row; ratios are inside one run on one machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.proctree import run_measured

SHARED_TAGS = """variable "env" {}
variable "team" {}
output "tags" {
  value = { env = var.env, team = var.team, managed = "terraform" }
}
"""
SHARED_NET = """variable "name" {}
variable "cidr" {}
resource "aws_security_group" "this" {
  name = var.name
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}
output "id" {
  value = aws_security_group.this.id
}
"""
STORAGE = """variable "name" {}
variable "encrypt" {}
variable "tags" {}
resource "aws_s3_bucket" "data" {
  bucket = var.name
  tags   = var.tags
}
resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  count  = var.encrypt ? 1 : 0
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = var.encrypt
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
output "arn" {
  value = aws_s3_bucket.data.arn
}
"""


def _root(i: int) -> dict[str, str]:
    d = f"envs/e{i:04d}"
    return {
        f"{d}/main.tf": f"""module "tags" {{
  source = "../../modules/tags"
  env    = var.env
  team   = "ml-{i % 7}"
}}

module "storage" {{
  source  = "./storage"
  name    = local.bucket
  encrypt = {str(i % 3 != 0).lower()}
  tags    = module.tags.tags
}}

module "net" {{
  source = "../../modules/net"
  name   = "${{local.prefix}}-sg"
  cidr   = var.cidr
}}

resource "aws_sagemaker_notebook_instance" "nb" {{
  name                   = "${{local.prefix}}-nb"
  role_arn               = "arn:aws:iam::123456789012:role/ml"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Enabled"
  tags                   = module.tags.tags
}}
""",
        f"{d}/locals.tf": f'locals {{\n  prefix = "ml-{i}-${{var.env}}"\n  bucket = "${{local.prefix}}-data"\n}}\n',
        f"{d}/variables.tf": 'variable "env" {}\nvariable "cidr" {\n  default = "10.0.0.0/8"\n}\n',
        f"{d}/terraform.tfvars": f'env = "{("dev", "stage", "prod")[i % 3]}"\n',
        f"{d}/outputs.tf": 'output "bucket" {\n  value = module.storage.arn\n}\n',
        f"{d}/storage/main.tf": STORAGE,
        f"{d}/k8s/serve.yaml": f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: serve-{i}\nspec:\n"
        "  template:\n    spec:\n      containers:\n        - name: s\n          image: python:3.11\n",
        f"{d}/README.md": f"# environment {i}\n",
    }


def generate(roots: int, out: Path) -> Path:
    files = {"modules/tags/main.tf": SHARED_TAGS, "modules/net/main.tf": SHARED_NET}
    for i in range(roots):
        files.update(_root(i))
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text)
    subprocess.run(["git", "init", "-q", str(out)], check=True)
    subprocess.run(["git", "-C", str(out), "add", "-A"], check=True)
    return out


def _cli(repo: Path, *extra: str) -> tuple[float, float, float]:
    """(wall s, CPU s of the whole tree, peak RSS MiB) of one command line run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    m = run_measured([sys.executable, "-m", "scanner", "scan", str(repo), "-q", *extra], timeout=900)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if m.returncode not in (0, 1):
        raise SystemExit(f"scan failed ({m.returncode}): {m.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return m.seconds, cpu, m.peak_rss_mib


def _stage(repo: Path, jobs: int, cache_dir: Path | None) -> float:
    """Seconds of the load stage (Terraform in units) in this process."""
    from scanner.cache import Cache
    from scanner.rulesets import load_ruleset
    from scanner.scan import DEFAULT_MAX_FILE_BYTES, load_documents
    from scanner.terraform.spread import Spread
    from scanner.walk import list_files

    ruleset = _stage.__dict__.setdefault("ruleset", load_ruleset())
    listing = list_files([repo])
    started = time.perf_counter()
    cache = Cache(cache_dir) if cache_dir is not None else None
    spread = Spread(ruleset, jobs, cache, {}, ()) if jobs > 1 or cache else None
    load_documents(listing, ruleset.consumed_kinds(), DEFAULT_MAX_FILE_BYTES, (), spread)
    return time.perf_counter() - started


def _rows(runs: int, cases: dict[str, Callable[[], tuple[float, ...]]]) -> dict[str, list[tuple[float, ...]]]:
    out: dict[str, list[tuple[float, ...]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, case in cases.items():  # interleaved: A B C A B C
            out[name].append(case())
    return out


def _print(title: str, rows: dict[str, list[tuple[float, ...]]], columns: tuple[str, ...], base: str) -> None:
    print(f"\n{title}")
    print(f"{'row':<34}" + "".join(f"{c:>16}" for c in columns) + f"{'vs ' + base:>14}")
    ref = statistics.median(r[0] for r in rows[base])
    for name, samples in rows.items():
        cells = []
        for k in range(len(columns)):
            values = [s[k] for s in samples]
            cells.append(f"{statistics.median(values):>9.2f} ({min(values):.2f})")
        ratio = statistics.median(s[0] for s in samples) / ref
        print(f"{name:<34}" + "".join(f"{c:>16}" for c in cells) + f"{ratio:>13.0%}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--roots", type=int, default=200)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument(
        "--threshold", type=int, nargs="*", default=[4, 8, 16, 32], help="root counts for the pool threshold"
    )
    p.add_argument("--skip-cli", action="store_true")
    args = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mlcomply-bench-par-"))
    try:
        repo = generate(args.roots, work / "repo")
        cache = work / "cache"

        def cold(jobs: int) -> Callable[[], tuple[float, ...]]:
            def run() -> tuple[float, ...]:
                shutil.rmtree(cache, ignore_errors=True)
                return _cli(repo, "--jobs", str(jobs), "--cache-dir", str(cache))

            return run

        def warm(jobs: int) -> Callable[[], tuple[float, ...]]:
            return lambda: _cli(repo, "--jobs", str(jobs), "--cache-dir", str(cache))

        if not args.skip_cli:
            rows = _rows(
                args.runs,
                {
                    "--jobs 1 --no-cache": lambda: _cli(repo, "--jobs", "1", "--no-cache"),
                    "--jobs 2 --no-cache": lambda: _cli(repo, "--jobs", "2", "--no-cache"),
                    "--jobs 2, cold cache": cold(2),
                    "--jobs 2, warm cache": warm(2),
                    "--jobs 1, warm cache": warm(1),
                },
            )
            _print(f"command line, {args.roots} roots", rows, ("wall s", "CPU s", "peak MiB"), "--jobs 1 --no-cache")
        stage_cache = work / "stage-cache"
        _stage(repo, 2, stage_cache)  # fill it
        rows = _rows(
            args.runs,
            {
                "stage --jobs 1": lambda: (_stage(repo, 1, None),),
                "stage --jobs 2": lambda: (_stage(repo, 2, None),),
                "stage warm cache": lambda: (_stage(repo, 1, stage_cache),),
            },
        )
        _print(f"Terraform stage (load_documents), {args.roots} roots", rows, ("wall s",), "stage --jobs 1")
        from scanner.terraform import spread

        spread.MIN_UNITS_FOR_POOL = 1  # forced on: what does a pool cost at this size?
        for n in args.threshold:
            small = generate(n, work / f"small{n}")
            one, two = f"{n} roots --jobs 1", f"{n} roots --jobs 2 (pool)"
            rows = _rows(
                args.runs,
                {one: lambda r=small: (_stage(r, 1, None),), two: lambda r=small: (_stage(r, 2, None),)},
            )
            _print(f"pool threshold, {n} roots", rows, ("wall s",), one)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

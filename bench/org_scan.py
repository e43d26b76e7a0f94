"""Benchmark `mlcomply org scan` over N synthetic repositories with 1, 2 and 4 workers.

    python bench/org_scan.py                     # 50 repositories in a temp dir, workers 1 2 4
    python bench/org_scan.py --repos 50 --workers 1 2 4 --keep /tmp/org-bench
    python bench/org_scan.py --clone     # as file:// URLs: shallow clones, then a second run that fetches

Each repository is a small git repo: three Terraform files (buckets, some public or without
encryption, in root files and a local module) and two Kubernetes manifests. Prints the wall time
of each run (a fresh history each time). Local paths are scanned in place; with --clone the
repositories are listed as file:// URLs, so the first run clones them into a fresh cache and a
second run (timed too) fetches and resets them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.conftest import init_repo  # noqa: E402

BUCKET = 'resource "aws_s3_bucket" "{n}" {{\n  bucket = "{n}"\n{acl}}}\n'
SSE = (
    'resource "aws_s3_bucket_server_side_encryption_configuration" "{n}" {{\n  bucket = aws_s3_bucket.{n}.id\n'
    '  rule {{\n    apply_server_side_encryption_by_default {{\n      sse_algorithm = "aws:kms"\n    }}\n  }}\n}}\n'
)
POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {n}\nspec:\n  containers:\n    - name: c\n      image: {image}\n"


def repo_files(i: int) -> dict[str, str]:
    files: dict[str, str] = {}
    for f in range(3):
        names = [f"b{i}_{f}_{k}" for k in range(4)]
        body = "".join(
            BUCKET.format(n=n, acl='  acl    = "public-read"\n' if (i + k) % 5 == 0 else "")
            + (SSE.format(n=n) if k % 2 else "")
            for k, n in enumerate(names)
        )
        files[f"infra/{['main', 'data', 'models'][f]}.tf"] = body
    files["k8s/train.yaml"] = POD.format(n="train", image="ghcr.io/acme/trainer:1.2")
    files["k8s/serve.yaml"] = POD.format(n="serve", image="ghcr.io/acme/server@sha256:" + "b" * 64)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repos", type=int, default=50)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    parser.add_argument("--clone", action="store_true", help="list the repositories as file:// URLs")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="mlcomply-org-bench-"))
    org = base / "org"
    if org.exists():
        shutil.rmtree(org)
    for i in range(args.repos):
        init_repo(org / f"repo-{i:03d}", repo_files(i))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    repos = org
    if args.clone:
        repos = base / "repos.txt"
        repos.write_text("".join(f"file://{p}\n" for p in sorted(org.iterdir())))
    print(f"{args.repos} repositories in {org}" + (" (as file:// URLs)" if args.clone else ""))
    for workers in args.workers:
        db, cache = base / f"history-{workers}.sqlite", base / f"cache-{workers}"
        db.unlink(missing_ok=True)
        shutil.rmtree(cache, ignore_errors=True)
        cmd = [sys.executable, "-m", "scanner", "org", "scan", "--repos", str(repos), "--db", str(db)]
        cmd += ["--workers", str(workers), "--cache-dir", str(cache), "--no-progress"]
        for label in ("clone", "fetch") if args.clone else ("scan",):
            started = time.perf_counter()
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
            seconds = time.perf_counter() - started
            print(f"workers={workers} {label}: {seconds:.2f} s wall  ({proc.stdout.strip()})")
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 1
    if args.keep is None:
        shutil.rmtree(base)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

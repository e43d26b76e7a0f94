"""Hostile files against the scan budgets: CPU, peak RSS and outcome of `mlcomply scan` on each,
for this checkout and (with --before DIR) another checkout of mlcomply, in the same run.

    python bench/budgets.py [--before /path/to/other/checkout] [--timeout 300] [--only NAME]

Each case is one small repository generated in a temporary folder: the hostile file and a
planted public bucket. Every scan runs in its own process with a timeout; a case that dies
(signal, traceback) or times out says so. Generating the 2 GB-of-opcodes zip takes ~30 s.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PUBLIC_BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = "public-read"\n}\n'
OS_SYSTEM = b"\x80\x04\x8c\x02os\x94\x8c\x06system\x94\x93\x94"


def _deep_hcl(folder: Path) -> None:
    (folder / "deep").mkdir()
    (folder / "deep" / "main.tf").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")


def _deep_json(folder: Path) -> None:
    head = '{"@context": {"prov": "http://www.w3.org/ns/prov#"}, "x": '
    (folder / "record.jsonld").write_text(head + "[" * 100_000 + "]" * 100_000 + "}")


def _heredoc(folder: Path) -> None:
    (folder / "big").mkdir()
    body = "".join(f"line {i} of a long heredoc ........................\n" for i in range(90_000))
    (folder / "big" / "main.tf").write_text(f"x = <<EOT\n{body}EOT\n")


def _string_joblib(folder: Path) -> None:
    body = OS_SYSTEM + b"X" + (20_000_000).to_bytes(4, "little") + b"a" * 20_000_000 + b"0."
    (folder / "model.joblib").write_bytes(gzip.compress(body, 9))


def _zip_of(path: Path, head: bytes, unit: bytes, repeat: int, tail: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z, z.open("archive/data.pkl", "w", force_zip64=True) as f:
        f.write(head)
        chunk = unit * ((1 << 20) // len(unit))
        for _ in range(repeat):
            f.write(chunk)
        f.write(tail)


def _memo_pt(folder: Path) -> None:
    _zip_of(folder / "memo.pt", OS_SYSTEM + b"N", b"\x94", 300, b"0.")


def _opcodes_pt(folder: Path) -> None:
    _zip_of(folder / "ops.pt", OS_SYSTEM, b"N0", 2048, b".")


def _big_pickle(folder: Path) -> None:
    with (folder / "big.pkl").open("wb") as fh:
        fh.write(OS_SYSTEM)
        chunk = b"N0" * (1 << 19)
        for _ in range(100):
            fh.write(chunk)
        fh.write(b".")


def _big_model_finding(folder: Path) -> None:
    # 1 GiB: a dangerous import, then a 1 GiB argument (skipped by the analysis, streamed). The
    # ignore-comment lookup used to read such a file whole, as bytes and as text.
    with (folder / "big.pt").open("wb") as fh:
        fh.write(OS_SYSTEM + b"\x8e" + (1 << 30).to_bytes(8, "little"))
        zeros = b"\0" * (1 << 20)
        for _ in range(1024):
            fh.write(zeros)
        fh.write(b"0.")


def _turtle(n: int) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        out = ["@prefix prov: <http://www.w3.org/ns/prov#> .", "@prefix ex: <http://example.org/> ."]
        for i in range(n):
            out.append(f"ex:data{i} a prov:Entity ; prov:wasGeneratedBy ex:run{i} .")
            out.append(f"ex:run{i} a prov:Activity ; prov:used ex:data{i + 1} .")
        (folder / "lineage.ttl").write_text("\n".join(out) + "\n")

    return build


CASES: dict[str, Callable[[Path], None]] = {
    "hcl 100k-deep list (200 KB)": _deep_hcl,
    "json-ld 100k-deep (200 KB)": _deep_json,
    "hcl 4.8 MB heredoc": _heredoc,
    "joblib gzip declaring a 20 MB string": _string_joblib,
    "pt zip: 300 MB of MEMOIZE": _memo_pt,
    "pt zip: 2 GB of opcodes": _opcodes_pt,
    "pickle of 100 MB of opcodes": _big_pickle,
    "1 GiB model file with a finding": _big_model_finding,
    "turtle 2,500 entities": _turtle(2_500),
    "turtle 5,000 entities": _turtle(5_000),
}


def run(checkout: Path, repo: Path, timeout: float) -> str:
    env = {**os.environ, "PYTHONPATH": str(checkout), "AWS_EC2_METADATA_DISABLED": "true"}
    out = repo.parent / "out.json"
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    # A wrapper process reports the scan's own CPU and peak RSS (workers included).
    wrapper = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:]); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(f'@@ {u.ru_utime + u.ru_stime} {u.ru_maxrss}', file=sys.stderr)"
    )
    scan = [sys.executable, "-m", "scanner", "scan", str(repo), "--json-output", str(out)]
    try:
        proc = subprocess.run(
            [sys.executable, "-c", wrapper, *scan],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            cwd=repo.parent,
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {timeout:g} s"
    wall = time.perf_counter() - started
    cpu, rss = (float(x) for x in proc.stderr.rsplit("@@ ", 1)[1].split())
    figures = f"{wall:6.1f} s wall {cpu:6.1f} s CPU {rss / 1024:6.0f} MB peak RSS"  # ru_maxrss is KiB
    if "Traceback" in proc.stderr or not out.exists():
        return f"{figures}  CRASHED (no outputs)"
    results = json.loads(out.read_text())
    bucket = any(f["path"] == "infra/main.tf" for f in results["findings"])
    kinds = sorted({e["kind"] for e in results["errors"]})
    planted = "found" if bucket else "LOST"
    return f"{figures}  {len(results['findings'])} findings, planted bucket {planted}, errors {kinds}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="another mlcomply checkout to compare with")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--only", help="run the cases whose name contains this")
    args = parser.parse_args()
    checkouts = [("after", REPO_ROOT)] + ([("before", args.before.resolve())] if args.before else [])
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in CASES.items():
            if args.only and args.only not in name:
                continue
            repo = Path(tmp) / "repo"
            subprocess.run(["rm", "-rf", str(repo)], check=True)
            (repo / "infra").mkdir(parents=True)
            (repo / "infra" / "main.tf").write_text(PUBLIC_BUCKET)
            build(repo)
            print(name, flush=True)
            for label, checkout in checkouts:
                print(f"  {label:6} {run(checkout, repo, args.timeout)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

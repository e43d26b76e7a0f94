"""Wall time of the pre-commit hook on a 3-file commit, next to checkov's hooks on the same files.

    python bench/precommit_hook.py [--checkov PATH] [--runs 5]   (default: $MLCOMPLY_CHECKOV or PATH)
    python bench/generate.py --roots 200 /tmp/r200 && python bench/precommit_hook.py --repo /tmp/r200

Builds a git repository with 12 committed Terraform files, stages changes to 3 of them, and
times `pre-commit run` (real pre-commit, `repo: local` hooks) for: mlcomply's staged-files hook,
checkov's `checkov_diff` hook (`checkov --framework terraform -f FILES`, its documented entry)
and checkov's default `checkov` hook (`checkov -d .`); plus each bare command without pre-commit.
With --repo, a clone of that git repository instead (the many-roots shape users have), with a
change staged in one file of each of three root modules (folders holding terraform.tfvars).
Prints the median of --runs runs: wall and CPU (user + sys) seconds.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
BUCKET = """\
resource "aws_s3_bucket" "b{i}" {{
  bucket = "acme-{i}"
  acl    = "{acl}"
}}
"""


def sh(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def build(root: Path) -> list[str]:
    sh(root, "git", "init", "-q", "-b", "main")
    for i in range(12):
        (root / f"infra/m{i % 3}").mkdir(parents=True, exist_ok=True)
        (root / f"infra/m{i % 3}/b{i}.tf").write_text(BUCKET.format(i=i, acl="private"))
    sh(root, "git", "add", "-A")
    sh(root, "git", "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-q", "-m", "init")
    changed = [f"infra/m{i % 3}/b{i}.tf" for i in (0, 4, 8)]
    for i, rel in zip((0, 4, 8), changed, strict=True):
        (root / rel).write_text(BUCKET.format(i=i, acl="public-read"))
    sh(root, "git", "add", *changed)
    return changed


def clone(source: Path, root: Path) -> list[str]:
    """A clone of `source` with a change staged in three root modules' files."""
    sh(root.parent, "git", "clone", "-q", str(source), str(root))
    roots = sorted({p.parent for p in root.rglob("terraform.tfvars") if ".git" not in p.parts})[:3]
    changed = []
    for folder in roots:
        tf = sorted(folder.glob("*.tf"))[0]
        tf.write_text(tf.read_text() + "\n# touched\n")
        changed.append(tf.relative_to(root).as_posix())
    sh(root, "git", "add", *changed)
    return changed


def median_time(cmd: list[str], cwd: Path, env: dict[str, str], runs: int) -> tuple[float, float, int]:
    """Median wall and CPU (user + sys of the command and its children) seconds, and the exit code.
    CPU time is the fairer figure on a loaded machine: wall time then includes waiting for a core."""
    walls, cpus, code = [], [], 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        code = sh(cwd, *cmd, env=env).returncode
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus), code


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkov", default=os.environ.get("MLCOMPLY_CHECKOV") or shutil.which("checkov") or "")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-full-checkov", action="store_true", help="leave out the `checkov -d .` hook")
    ap.add_argument("--repo", type=Path, help="a git repository to clone (e.g. bench/generate.py --roots 200)")
    ap.add_argument("--mlcomply", default=f"{sys.executable} -m scanner", help="command (e.g. an installed mlcomply)")
    args = ap.parse_args()
    mlcomply = f"{args.mlcomply} scan --files-only"
    hooks = {"mlcomply": (mlcomply, True)}
    if args.checkov and Path(args.checkov).exists():
        hooks["checkov_diff"] = (f"{args.checkov} --framework terraform -f", True)
        if not args.no_full_checkov:
            hooks["checkov"] = (f"{args.checkov} -d .", False)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        if args.repo is not None:
            changed = clone(args.repo.resolve(), root)
        else:
            root.mkdir()
            changed = build(root)
        config = {
            "repos": [
                {
                    "repo": "local",
                    "hooks": [
                        {"id": k, "name": k, "entry": e, "language": "system", "pass_filenames": p, "files": r"\.tf$"}
                        for k, (e, p) in hooks.items()
                    ],
                }
            ]
        }
        (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PRE_COMMIT_HOME": f"{tmp}/pc", "NO_COLOR": "1"}
        print(f"3 staged files: {' '.join(changed)}; {args.runs} runs, medians")
        for hook, (entry, pass_files) in hooks.items():
            pc, pc_cpu, code = median_time([sys.executable, "-m", "pre_commit", "run", hook], root, env, args.runs)
            bare_cmd = entry.split() + (changed if pass_files else [])
            bare, bare_cpu, bare_code = median_time(bare_cmd, root, env, args.runs)
            print(
                f"{hook:<13} pre-commit run: wall {pc:5.2f} s, cpu {pc_cpu:5.2f} s (exit {code})   "
                f"bare: wall {bare:5.2f} s, cpu {bare_cpu:5.2f} s (exit {bare_code})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The pre-commit hooks (.pre-commit-hooks.yaml), run by the real `pre-commit` tool.

pre-commit clones a copy of this checkout (`repo:` a local path, `rev:` a commit) and reads the
hooks from it. The hooks are run with `language: system` and the manifest's own entry pointed at
this interpreter: a `language: python` hook would make pre-commit `pip install` mlcomply and its
dependencies from PyPI into a fresh virtualenv, which needs the network and a minute, and tests
talk to nothing beyond this machine. Everything else (clone, manifest, file passing and
splitting, exit codes) is pre-commit's own.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scanner.rulesets import RuleSet
from tests.conftest import REPO_ROOT, git, init_repo, run_cli, write_files

pytest.importorskip("pre_commit", reason="pre-commit is in the `test` extra")

MANIFEST = REPO_ROOT / ".pre-commit-hooks.yaml"

PUBLIC = 'resource "aws_s3_bucket" "{0}" {{\n  bucket = "acme-{0}"\n  acl    = "public-read"\n}}\n'
# Clean for the whole built-in pack: CMK encryption, public access block, versioning, logging.
CLEAN = """\
resource "aws_s3_bucket" "models" {
  bucket = "acme-models"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "models" {
  bucket = aws_s3_bucket.models.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.models.arn
    }
  }
}
resource "aws_s3_bucket_public_access_block" "models" {
  bucket                  = aws_s3_bucket.models.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_kms_key" "models" {
  enable_key_rotation = true
}
resource "aws_s3_bucket_versioning" "models" {
  bucket = aws_s3_bucket.models.id
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket_logging" "models" {
  bucket        = aws_s3_bucket.models.id
  target_bucket = "acme-access-logs"
  target_prefix = "models/"
}
"""


def _hook_repo(dest: Path) -> tuple[Path, str]:
    """A committed copy of this working tree, as pre-commit would fetch it from GitHub."""
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".ruff_cache")
    for name in ("scanner", "rego", "rules"):
        shutil.copytree(REPO_ROOT / name, dest / name, ignore=ignore)
    for name in (".pre-commit-hooks.yaml", "pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, dest / name)
    init_repo(dest, {})
    return dest, git(dest, "rev-parse", "HEAD").strip()


def _config(hook_repo: Path, rev: str) -> str:
    hooks = []
    for hook in yaml.safe_load(MANIFEST.read_text()):
        command = hook["entry"].split()
        assert command[0] == "mlcomply"  # the console script the python install would provide
        entry = " ".join([sys.executable, "-m", "scanner", *command[1:]])
        hooks.append({"id": hook["id"], "language": "system", "entry": entry, "stages": ["manual"]})
    hooks[0]["stages"] = ["pre-commit"]  # the staged-files hook runs by default
    return yaml.safe_dump({"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": hooks}]})


def _pre_commit(repo: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(tmp / "hooks"),
        "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"),
        "HOME": str(tmp),
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def user_repo(tmp_path: Path) -> Path:
    hook_repo, rev = _hook_repo(tmp_path / "hooks")
    return init_repo(tmp_path / "user", {"README.md": "# demo\n", ".pre-commit-config.yaml": _config(hook_repo, rev)})


def test_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {h["id"]: h for h in load_manifest(MANIFEST)}
    assert hooks["mlcomply"]["pass_filenames"] is True
    assert hooks["mlcomply-full"]["pass_filenames"] is False
    assert hooks["mlcomply-full"]["always_run"] is True
    assert all(h["language"] == "python" for h in hooks.values())


def test_staged_public_bucket_is_blocked_and_clean_file_passes(user_repo: Path, tmp_path: Path) -> None:
    write_files(user_repo, {"infra/public.tf": PUBLIC.format("site"), "infra/clean.tf": CLEAN})
    git(user_repo, "add", "-A")
    blocked = _pre_commit(user_repo, tmp_path)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "MLC-AWS-S3-002" in blocked.stdout
    assert "infra/public.tf:1  [aws_s3_bucket.site]" in blocked.stdout
    assert "infra/clean.tf" not in blocked.stdout

    git(user_repo, "rm", "-q", "--cached", "infra/public.tf")
    (user_repo / "infra/public.tf").unlink()
    passed = _pre_commit(user_repo, tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_full_scan_hook_sees_committed_debt(user_repo: Path, tmp_path: Path) -> None:
    write_files(user_repo, {"old.tf": PUBLIC.format("old")})
    git(user_repo, "add", "-A")
    git(user_repo, "commit", "-q", "--no-verify", "-m", "debt")
    write_files(user_repo, {"notes.md": "nothing to see\n"})
    git(user_repo, "add", "-A")
    assert _pre_commit(user_repo, tmp_path).returncode == 0  # staged-files hook: notes.md only
    full = _pre_commit(user_repo, tmp_path, "--hook-stage", "manual", "mlcomply-full")
    assert full.returncode == 1
    assert "old.tf:1  [aws_s3_bucket.old]" in full.stdout


def test_staged_token_is_blocked(user_repo: Path, tmp_path: Path, builtin_rules: RuleSet) -> None:
    # Runs by itself once the secrets rules (developed on another branch) are merged.
    if not any(m.category == "secrets" and "text" in m.input_kinds for m in builtin_rules.metas):
        pytest.skip("no built-in secrets rule for any text file yet: runs once the secrets rules land")
    token = "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"  # from tests/reference/secrets-corpus-gitleaks.json
    write_files(user_repo, {"train.py": f'HF_TOKEN = "{token}"\n'})
    git(user_repo, "add", "-A")
    res = _pre_commit(user_repo, tmp_path)
    assert res.returncode == 1
    assert "train.py" in res.stdout
    assert token not in res.stdout + res.stderr


def test_split_file_lists_give_each_finding_once_with_cross_file_context(make_repo) -> None:
    """pre-commit may call the hook several times, each with a part of the file list."""
    root = make_repo(
        {
            "infra/main.tf": 'module "data" {\n  source = "./modules/bucket"\n  acl    = "public-read"\n}\n',
            "infra/modules/bucket/main.tf": (
                'variable "acl" {}\nresource "aws_s3_bucket" "this" {\n  bucket = "acme-data"\n  acl = var.acl\n}\n'
            ),
            "infra/site.tf": PUBLIC.format("site"),
            "jobs/pod.yaml": "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: x\n      image: busybox\n",
        }
    )
    module_file = "infra/modules/bucket/main.tf"
    files = ["infra/main.tf", module_file, "infra/site.tf", "jobs/pod.yaml"]

    def findings(*args: str) -> list[tuple[str, str, str]]:
        out = root / "out.json"
        res = run_cli("scan", *args, "--json-output", out, cwd=root)
        assert res.returncode in (0, 1), res.stderr
        return sorted((f["rule_id"], f["path"], f["fingerprint"]) for f in json.loads(out.read_text())["findings"])

    whole = findings(".")
    parts = [findings("--files-only", *chunk) for chunk in ([module_file], files[:1] + files[2:3], files[3:])]
    assert sorted(itertools.chain(*parts)) == whole  # every finding once, in the call that owns its file
    assert {p for _, p, _ in parts[0]} == {module_file}
    # The module file alone is evaluated through its caller: the ACL comes from infra/main.tf.
    # Scanned on its own (what a plain `mlcomply scan FILE` does) the ACL is unknown and missed.
    assert "MLC-AWS-S3-002" in {r for r, _, _ in parts[0]}
    assert "MLC-AWS-S3-002" not in {r for r, _, _ in findings(module_file)}


@pytest.mark.skipif(
    os.environ.get("MLCOMPLY_REGISTRY_TESTS") != "1",
    reason="installs mlcomply and its dependencies from the package index; set MLCOMPLY_REGISTRY_TESTS=1",
)
def test_language_python_install_from_this_checkout(tmp_path: Path) -> None:
    """The manifest as published: pre-commit builds a virtualenv and pip-installs the hook repo."""
    hook_repo, _ = _hook_repo(tmp_path / "hooks")
    repo = init_repo(tmp_path / "user", {"infra/a.tf": PUBLIC.format("a")}, commit=False)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc"), "HOME": str(tmp_path), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    res = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "mlcomply", "--files", "infra/a.tf"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert res.returncode == 1, res.stdout + res.stderr
    assert "infra/a.tf:1  [aws_s3_bucket.a]" in res.stdout

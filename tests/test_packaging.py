"""A non-editable install, run from another directory, finds every built-in policy and rule."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, run_cli, write_files


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="the build backend (test extra) is needed to build the wheel")
    target = tmp_path_factory.mktemp("site")
    # --no-build-isolation/--no-deps: offline and quick; the dependencies are this interpreter's.
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            target,
            ".",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return target


def run_installed(target: Path, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run(
        [str(target / "bin" / "mlcomply"), *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_installed_scanner_has_every_builtin_rule(installed: Path, tmp_path: Path) -> None:
    assert (installed / "scanner" / "builtin" / "rego" / "lib" / "terraform.rego").is_file()
    proc = run_installed(installed, "rules", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    from_wheel = {r["id"] for r in json.loads(proc.stdout)}
    from_checkout = {r["id"] for r in json.loads(run_cli("rules", "--format", "json").stdout)}
    assert from_wheel == from_checkout and len(from_wheel) >= 4


def test_installed_scanner_scans_and_runs_policy_tests(installed: Path, tmp_path: Path) -> None:
    write_files(tmp_path, {"repo/main.tf": 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n'})
    proc = run_installed(installed, "scan", "repo", cwd=tmp_path)
    assert proc.returncode == 1 and "MLC-AWS-S3-002" in proc.stdout, proc.stderr
    proc = run_installed(installed, "test-policies", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip().endswith(" 0 failed"), proc.stdout
    imported = subprocess.run(
        [sys.executable, "-c", "import scanner; print(scanner.__file__)"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
    )
    assert imported.stdout.startswith(str(installed))

"""Shared fixtures: real git repositories in tmp dirs, the real command line, in-process scans."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from scanner.metadata import RuleMeta
from scanner.rulesets import RuleSet, load_ruleset
from scanner.scan import ScanResult, scan
from tests import containment

REPO_ROOT = Path(__file__).resolve().parent.parent
# Public reference data (SARIF schemas, the NIST Core, a secrets corpus) shipped with the tests.
REFERENCE = REPO_ROOT / "tests" / "reference"
# CLI flags that limit a scan to the original S3 rules and the image rule (see the file).
S3_ONLY = ("--config", str(REPO_ROOT / "tests" / "fixtures" / "s3-rules-only.yaml"))

containment.install(REPO_ROOT)


@pytest.fixture(autouse=True)
def _stays_in_the_repository() -> Iterator[None]:
    """Fails a test that read a file outside the repository and its temporary folders."""
    containment.take()
    yield
    outside = containment.take()
    assert not outside, f"test read outside the repository: {sorted(set(outside))[:5]}"


@pytest.fixture(autouse=True)
def _no_kept_parser_workers() -> Iterator[None]:
    """A batch of Terraform units run in this process (terraform.unitwork.run_batch, as a scan
    with --jobs 2 runs some) sets the worker module's keep-alive flag for the whole process, and
    its kept workers would carry over: a later test would see a parser process kept where a scan
    ends it. Each test ends with the flag down and the kept workers closed."""
    yield
    from scanner.terraform import worker

    worker._keep_alive = False
    worker.close_spares()


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The scanner's default cache (scanner.cache) lives under XDG_CACHE_HOME: a folder of the
    test session, never the user's own, for every command line a test runs."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


# No test may reach a cloud endpoint: the AWS SDKs must not try the instance metadata address.
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


def rule_meta(rule_id: str = "MLC-TEST-001") -> RuleMeta:
    """A minimal rule's metadata, for tests that build findings by hand."""
    return RuleMeta(
        id=rule_id,
        title="t",
        severity="high",
        category="secrets",
        description="d",
        remediation="r",
        nist_ai_rmf=("MANAGE 2.2",),
        input_kinds=("text",),
    )


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(root),
    }
    out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True)
    return out.stdout


def init_repo(root: Path, files: Mapping[str, str | bytes], commit: bool = True) -> Path:
    """A real git repository with `files` committed (or only staged when commit=False)."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    write_files(root, files)
    git(root, "add", "-A")
    if commit:
        git(root, "commit", "-q", "-m", "initial")
    return root


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., Path]:
    def make(files: Mapping[str, str | bytes], git_repo: bool = True, name: str = "repo") -> Path:
        root = tmp_path / name
        if git_repo:
            return init_repo(root, files)
        root.mkdir(parents=True, exist_ok=True)
        write_files(root, files)
        return root

    return make


@pytest.fixture(scope="session")
def builtin_rules() -> RuleSet:
    return load_ruleset()


@pytest.fixture
def scan_repo(builtin_rules: RuleSet) -> Callable[[Path], ScanResult]:
    def run(root: Path) -> ScanResult:
        return scan([root], builtin_rules)

    return run


def run_cli(
    *args: str | Path, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command line, `python -m scanner`, importing this checkout."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "scanner", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=300,
    )

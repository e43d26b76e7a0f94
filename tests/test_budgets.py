"""Budgets end to end: the config keys, and hostile files through the real command line under a
2 GiB address-space limit and a timeout. Each scan must finish, write valid SARIF, name the file
in a `limit` error, and still report the finding planted beside it."""

from __future__ import annotations

import gzip
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scanner.config import load_config
from scanner.errors import FatalError
from scanner.loaders.budgets import BUDGET_KEYS, Budgets, current
from scanner.secrets.checksums import github_token
from tests import artifact_builders as ab
from tests.conftest import REPO_ROOT, init_repo
from tests.writers.sarif_validation import validate_sarif

TOKEN = github_token("ghp_", "FakeTokenForTests0123456789abc")
PUBLIC_BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = "public-read"\n}\n'


def test_config_budgets(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("budgets:\n  max_nesting_depth: 50\n  terraform_seconds: 2.5\n")
    budgets = load_config(path).budgets
    assert (budgets.max_nesting_depth, budgets.terraform_seconds) == (50, 2.5)
    assert budgets.max_model_bytes == Budgets().max_model_bytes == 2 << 30
    assert load_config(None).budgets == Budgets() == current()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("budgets:\n  max_nesting_depth: 0\n", "max_nesting_depth"),
        ("budgets:\n  max_pickle_opcodes: lots\n", "max_pickle_opcodes"),
        ("budgets:\n  max_recursion: 5\n", "max_recursion"),
    ],
)
def test_bad_budget_is_a_config_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(text)
    with pytest.raises(FatalError, match=message):
        load_config(path)


def test_every_budget_is_documented() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    assert [k for k in BUDGET_KEYS if f"  {k}:" not in readme] == []


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _scan(root: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], dict, dict]:  # type: ignore[type-arg]
    out = root.parent / "out"
    out.mkdir(exist_ok=True)
    sarif, results = out / "r.sarif", out / "r.json"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "AWS_EC2_METADATA_DISABLED": "true"}
    args = ["scan", str(root), "--sarif-output", str(sarif), "--json-output", str(results), *extra]
    proc = subprocess.run(
        [sys.executable, "-m", "scanner", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        preexec_fn=_limit_address_space,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr  # the planted findings fail the scan
    doc = json.loads(sarif.read_text())
    validate_sarif(doc)
    return proc, doc, json.loads(results.read_text())


def _planted(files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    return {**files, "infra/main.tf": PUBLIC_BUCKET, "notes/token.txt": f"token = {TOKEN}\n"}


def _assert_planted_reported(results: dict) -> None:  # type: ignore[type-arg]
    found = {(f["rule_id"], f["path"]) for f in results["findings"]}
    assert ("MLC-AWS-S3-002", "infra/main.tf") in found  # the public bucket
    assert any(path == "notes/token.txt" for _, path in found)  # the token
    assert TOKEN not in json.dumps(results)


def _limits(results: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {e["path"]: e["message"] for e in results["errors"] if e["kind"] == "limit"}


DEEP = "[" * 100_000 + "]" * 100_000


def test_deep_nesting_everywhere(tmp_path: Path) -> None:
    lineage = '{"eventTime": "2024-01-01T00:00:00Z", "run": {"runId": "r"}, "x": ' + DEEP + "}"
    files = {
        "deep/main.tf": f"locals {{\n  x = {DEEP}\n}}\n",
        "deep2/main.tf": 'locals {\n  x = "${' * 50_000 + "1" + '}"' * 50_000 + "\n}\n",
        "deep3/main.tf.json": '{"locals": {"x": ' + DEEP + "}}",
        "data/deep.json": DEEP,
        "data/record.jsonld": '{"@context": {"prov": "http://www.w3.org/ns/prov#"}, "x": ' + DEEP + "}",
        "data/lineage.json": lineage,
        "data/events.jsonl": lineage + "\n",
        "plan.json": '{"format_version": "1.2", "terraform_version": "1.6.0", "x": ' + DEEP + "}",
        "nb.ipynb": '{"cells": [], "x": ' + DEEP + "}",
    }
    root = init_repo(tmp_path / "repo", _planted(files))
    _, sarif, results = _scan(root)
    limits = _limits(results)
    for path in files:
        assert "nested deeper than 200 levels" in limits.get(path, ""), (path, limits)
        assert "budget max_nesting_depth: 200" in limits[path]
    _assert_planted_reported(results)
    notified = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for n in sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        for loc in n.get("locations", [])
    }
    assert set(files) <= notified


def test_a_parser_crash_costs_one_file(tmp_path: Path) -> None:
    # No bracket is nested here, but a million unary operators overflow the Go parser's stack:
    # it runs out of process, so only this file (and the module holding it) is lost.
    root = init_repo(tmp_path / "repo", _planted({"bang/main.tf": "locals {\n  y = " + "!" * 1_000_000 + "true\n}\n"}))
    _, _, results = _scan(root)
    assert "the parser aborted" in _limits(results)["bang/main.tf"]
    _assert_planted_reported(results)


def test_large_hcl_and_time_budgets(tmp_path: Path) -> None:
    heredoc = "x = <<EOT\n" + "line of a large heredoc\n" * 20_000 + "EOT\n"
    files = {"big/main.tf": heredoc, "slow/main.tf": 'resource "t" "r" {\n  count = 20000\n}\n'}
    root = init_repo(tmp_path / "repo", _planted(files))
    config = tmp_path / "budgets.yaml"
    config.write_text("budgets:\n  max_hcl_bytes: 100000\n  terraform_module_seconds: 3\n")
    _, _, results = _scan(root, "--config", str(config))
    limits = _limits(results)
    assert "budget max_hcl_bytes: 100000" in limits["big/main.tf"]
    assert "budget terraform_module_seconds: 3" in limits["slow/main.tf"]
    _assert_planted_reported(results)


def test_hostile_model_files(tmp_path: Path) -> None:
    memo = tmp_path / "memo.pt"
    with zipfile.ZipFile(memo, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("archive/data.pkl", ab.hostile_pickle(ab.memoize(3_000_000)))
    files: dict[str, str | bytes] = {
        "models/string.joblib": gzip.compress(ab.hostile_pickle(ab.declared_string(20_000_000)), 9),
        "models/memo.pt": memo.read_bytes(),
        "models/stack.pkl": ab.hostile_pickle(ab.nones(1_200_000)),
    }
    root = init_repo(tmp_path / "repo", _planted(files))
    _, _, results = _scan(root)
    limits = _limits(results)
    assert "budget max_pickle_memo: 1000000" in limits["models/memo.pt"]
    assert "budget max_pickle_stack: 1000000" in limits["models/stack.pkl"]
    dangerous = {f["path"] for f in results["findings"] if f["rule_id"] == "MLC-ARTIFACT-001"}
    assert dangerous == set(files)  # os.system, read before every budget ran out
    _assert_planted_reported(results)

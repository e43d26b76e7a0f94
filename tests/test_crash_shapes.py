"""Issue 14: the file shapes that crashed whole scans. Each runs the real CLI on a repository
holding the trigger beside planted findings: the scan completes, every output is written and
valid, the trigger is named in a scan error (or analysed), and the planted findings are reported."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import git, init_repo, run_cli
from tests.writers.sarif_validation import sarif_file

PUBLIC_TF = 'resource "aws_s3_bucket" "planted" {\n  bucket = "acme-planted"\n  acl    = "public-read"\n}\n'
TOKEN = "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"  # valid checksum, see rules/secrets/github.yaml
PLANTED = {"infra/main.tf": PUBLIC_TF, "config/token.env": f"GITHUB_TOKEN={TOKEN}\n"}
PLANTED_FINDINGS = {
    ("MLC-AWS-S3-002", "infra/main.tf"),
    ("MLC-SECRET-GITHUB-001", "config/token.env"),
}


@dataclass
class Outcome:
    results: dict[str, Any]
    sarif: Path
    stdout: str

    def findings(self) -> set[tuple[str, str]]:
        return {(f["rule_id"], f["path"]) for f in self.results["findings"]}

    def errors(self) -> dict[str, dict[str, Any]]:
        return {e["path"]: e for e in self.results["errors"]}


def scan(tmp_path: Path, files: Mapping[str, str | bytes], *extra: str) -> Outcome:
    root = init_repo(tmp_path / "repo", {**PLANTED, **files})
    out = tmp_path / "out"
    sarif, js, report = out / "r.sarif", out / "r.json", out / "r.html"
    proc = run_cli(
        "scan", root, "--sarif-output", sarif, "--json-output", js, "--report-output", report, *extra, cwd=root
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr  # the planted critical findings, nothing else
    assert report.stat().st_size > 0
    results = json.loads(js.read_text(encoding="utf-8"))
    assert {(f["rule_id"], f["path"]) for f in results["findings"]} >= PLANTED_FINDINGS
    assert TOKEN not in js.read_text() + sarif.read_text() + proc.stdout + proc.stderr
    return Outcome(results, sarif, proc.stdout)


def valid_sarif(outcome: Outcome) -> dict[str, Any]:
    """The SARIF file against the OASIS schema and GitHub's."""
    return sarif_file(outcome.sarif)


# (file, content, line of the bad value)
YAML_TAGS = [
    (name, f"{prefix}{tag}\n", line)
    for tag in ("!!int abc", "!!float x", "!!bool maybe", "!!timestamp x")
    for name, prefix, line in (
        ("values.yaml", "replicas: 2\nlearning_rate: ", 2),
        ("dvc.yaml", "stages:\n  train:\n    cmd: python train.py\n    params:\n      - lr: ", 5),
        (".github/workflows/train.yml", "on: push\njobs:\n  train:\n    runs-on: ubuntu-latest\n    timeout: ", 5),
        ("MLproject", "name: churn\nentry_points:\n  main:\n    parameters:\n      alpha: ", 5),
    )
]


@pytest.mark.parametrize(("name", "content", "line"), YAML_TAGS, ids=[f"{y[0]}-{y[1].split()[-1]}" for y in YAML_TAGS])
def test_yaml_value_that_does_not_fit_its_tag(tmp_path: Path, name: str, content: str, line: int) -> None:
    outcome = scan(tmp_path, {name: content})
    error = outcome.errors()[name]
    assert error["kind"] == "parse" and error["line"] == line
    assert error["message"].startswith("invalid YAML value: not a valid ")
    valid_sarif(outcome)


def nested_map(levels: int) -> str:
    value = '"deep"'
    for _ in range(levels):
        value = f"{{ k = {value} }}"
    return value


def test_900_level_map_in_a_terraform_resource(tmp_path: Path) -> None:
    """Over the nesting budget (200 by default) the file is a `limit` error before any parser
    runs; with a budget that admits it, values past 64 levels are unknown and named."""
    deep = f'resource "aws_s3_bucket" "deep" {{\n  bucket = "acme-deep"\n  tags   = {nested_map(900)}\n}}\n'
    outcome = scan(tmp_path / "default", {"infra/deep.tf": deep})
    error = outcome.errors()["infra/deep.tf"]
    assert error["kind"] == "limit" and error["line"] == 3
    assert "nested deeper than 200 levels" in error["message"] and "max_nesting_depth" in error["message"]
    valid_sarif(outcome)

    config = tmp_path / "budget.yaml"
    config.write_text("budgets:\n  max_nesting_depth: 1000\n")
    outcome = scan(tmp_path / "admitted", {"infra/deep.tf": deep}, "--config", str(config))
    error = outcome.errors()["infra/deep.tf"]
    assert error["kind"] == "limit" and error["line"] == 1
    assert "aws_s3_bucket.deep" in error["message"] and "nested deeper than" in error["message"]
    # The rest of the resource, and of its module, is still analysed.
    assert ("MLC-AWS-S3-001", "infra/deep.tf") in outcome.findings()
    valid_sarif(outcome)


def test_document_deeper_than_the_rego_engine_takes(tmp_path: Path) -> None:
    """regorus refuses input nested 128 levels deep: its policies are skipped, with a scan error."""
    body = "with:\n"
    for depth in range(200):
        body += "  " * (depth + 1) + "k:\n"
    body += "  " * 201 + "v\n"
    workflow = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: x/y@main\n        "
    outcome = scan(tmp_path, {".github/workflows/deep.yml": workflow + body.replace("\n", "\n        ")})
    error = outcome.errors()[".github/workflows/deep.yml"]
    assert error["kind"] == "limit" and "Rego engine" in error["message"]
    # The Python rules still ran on it: the unpinned action is reported.
    assert ("MLC-GHA-002", ".github/workflows/deep.yml") in outcome.findings()
    valid_sarif(outcome)


def test_tracked_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "repo", PLANTED)
    (root / "config").joinpath(b"caf\xe9.env".decode("utf-8", "surrogateescape")).write_text(f"T={TOKEN}\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "latin-1 name")
    sarif, js = tmp_path / "r.sarif", tmp_path / "r.json"
    proc = run_cli("scan", root, "--sarif-output", sarif, "--json-output", js, "--report-output", tmp_path / "r.md")
    assert "Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr
    assert "config/caf\\udce9.env:1" in proc.stdout  # the console shows the byte, escaped
    results = json.loads(js.read_text(encoding="utf-8"))
    assert results["errors"] == []
    # JSON keeps the name's byte as the escape `\udce9` (os.fsencode gives the bytes back).
    found = {(f["rule_id"], os.fsencode(f["path"])) for f in results["findings"]}
    assert ("MLC-SECRET-GITHUB-001", b"config/caf\xe9.env") in found
    assert {(r, p.decode()) for r, p in found if p != b"config/caf\xe9.env"} >= PLANTED_FINDINGS
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# NIST AI RMF")
    doc = sarif_file(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert "config/caf%E9.env" in uris


TWO_LOCALS = 'locals {\n  name = "acme-two"\n}\nlocals {\n  acl = "public-read"\n}\n'
TWO_LOCALS_TF = TWO_LOCALS + 'resource "aws_s3_bucket" "two" {\n  bucket = local.name\n  acl    = local.acl\n}\n'


def test_two_locals_blocks_in_root_and_child_module(tmp_path: Path) -> None:
    outcome = scan(
        tmp_path,
        {
            "stack/main.tf": TWO_LOCALS + 'module "child" {\n  source = "./child"\n}\n',
            "stack/child/main.tf": TWO_LOCALS_TF,
        },
    )
    assert outcome.results["errors"] == []
    addresses = {f["address"] for f in outcome.results["findings"] if f["rule_id"] == "MLC-AWS-S3-002"}
    assert addresses == {"aws_s3_bucket.planted", "module.child.aws_s3_bucket.two"}
    valid_sarif(outcome)


def test_pre_commit_on_a_readme_beside_two_locals_blocks(tmp_path: Path) -> None:
    """The hook used to fail every commit in such a repository, a README-only commit included."""
    root = init_repo(tmp_path / "repo", {"main.tf": TWO_LOCALS_TF, "README.md": "# docs\n"})
    proc = run_cli("scan", "--files-only", root / "README.md", cwd=root)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    proc = run_cli("scan", "--files-only", root / "main.tf", cwd=root)
    assert proc.returncode == 1 and "MLC-AWS-S3-002" in proc.stdout


def test_nul_bytes_neither_hide_secrets_nor_skip_structured_files(tmp_path: Path) -> None:
    junk = b"\x00\x01\x02\xffjunk\x00"
    outcome = scan(
        tmp_path,
        {
            "leading-nul.env": b"\x00GITHUB_TOKEN=" + TOKEN.encode() + b"\n",
            "utf16.yaml": f"stages:\n  train:\n    token: {TOKEN}\n".encode("utf-16"),
            "junk.yaml": junk,
            "junk.ipynb": junk,
            "dvc.yaml": junk,
            ".github/workflows/junk.yml": junk,
            "picture.png": b"\x89PNG\r\n\x1a\n\x00\x00" + TOKEN.encode(),  # a known binary format
        },
    )
    found = outcome.findings()
    assert ("MLC-SECRET-GITHUB-001", "leading-nul.env") in found
    assert ("MLC-SECRET-GITHUB-001", "utf16.yaml") in found
    assert not any(path == "picture.png" for _, path in found)
    errors = outcome.errors()
    for name in ("junk.yaml", "junk.ipynb", "dvc.yaml", ".github/workflows/junk.yml"):
        assert errors[name]["kind"] == "parse" and "binary content" in errors[name]["message"], name
    assert "utf16.yaml" not in errors and "picture.png" not in errors
    valid_sarif(outcome)

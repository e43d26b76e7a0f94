"""Exit codes and outputs through the real command line (`python -m scanner`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli, write_files
from tests.writers.sarif_validation import sarif_file

# critical + 2 high + 3 medium (no customer-managed key, no versioning, no access logging)
PUBLIC = 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n'
CLEAN = "name: train\nparams:\n  lr: 0.1\n"
UNPINNED = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: x:latest\n"  # medium


def test_help_teaches() -> None:
    top = run_cli("--help")
    assert top.returncode == 0
    for word in ("scan", "rules", "test-policies", "exit codes", "--fail-on"):
        assert word in top.stdout
    scan = run_cli("scan", "--help")
    for word in ("--sarif-output", "--json-output", "--policy-dir", "--rules-dir", "--config", "never run"):
        assert word in scan.stdout


def test_no_command_prints_help_and_exits_2() -> None:
    proc = run_cli()
    assert proc.returncode == 2 and "usage:" in proc.stdout


@pytest.mark.parametrize(
    ("files", "flags", "code"),
    [
        ({"a.yaml": CLEAN}, [], 0),
        ({"main.tf": PUBLIC}, [], 1),
        ({"main.tf": PUBLIC}, ["--fail-on", "critical"], 1),
        ({"main.tf": PUBLIC}, ["--fail-on", "none"], 0),
        ({"p.yaml": UNPINNED}, [], 0),
        ({"p.yaml": UNPINNED}, ["--fail-on", "medium"], 1),
        ({"p.yaml": UNPINNED}, ["--fail-on", "critical"], 0),
        ({"bad.yaml": "a: [", "ok.yaml": CLEAN}, [], 0),
        ({"a.yaml": CLEAN}, ["--fail-on", "severe"], 2),
        ({"a.yaml": CLEAN}, ["--no-such-flag"], 2),
    ],
)
def test_exit_codes(tmp_path: Path, files: dict[str, str], flags: list[str], code: int) -> None:
    write_files(tmp_path, files)
    proc = run_cli("scan", tmp_path, *flags)
    assert proc.returncode == code, proc.stdout + proc.stderr


def test_missing_path_exits_2_with_message(tmp_path: Path) -> None:
    proc = run_cli("scan", tmp_path / "nope")
    assert proc.returncode == 2
    assert "no such file or directory" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("fail_on: severe\n", "fail_on"),
        ("colour: red\n", "unexpected key 'colour'"),
        ("fail_on: [\n", "line 2"),
        ("skip_rules: [MLC-NOPE-001]\n", "no such rule"),
    ],
)
def test_bad_config_exits_2_naming_the_file(tmp_path: Path, config: str, message: str) -> None:
    write_files(tmp_path, {"cfg.yaml": config, "repo/a.yaml": CLEAN})
    proc = run_cli("scan", tmp_path / "repo", "--config", tmp_path / "cfg.yaml")
    assert proc.returncode == 2
    assert "cfg.yaml" in proc.stderr and message in proc.stderr


def test_config_sets_fail_on_and_skips_rules(tmp_path: Path) -> None:
    write_files(tmp_path, {"repo/main.tf": PUBLIC, "cfg.yaml": "fail_on: critical\nskip_rules: [MLC-AWS-S3-002]\n"})
    proc = run_cli("scan", tmp_path / "repo", "--config", tmp_path / "cfg.yaml", "--json-output", tmp_path / "r.json")
    assert proc.returncode == 0, proc.stdout
    ids = {f["rule_id"] for f in json.loads((tmp_path / "r.json").read_text())["findings"]}
    assert ids == {"MLC-AWS-S3-001", "MLC-AWS-S3-003"}  # CMK, versioning, logging: profile strict


STRICT_S3 = {"MLC-AWS-S3-004", "MLC-AWS-S3-006", "MLC-AWS-S3-007"}


@pytest.mark.parametrize(
    ("config", "flags", "strict_rules"),
    [
        ("", [], set()),
        ("profile: strict\n", [], STRICT_S3),
        ("", ["--profile", "strict"], STRICT_S3),
        ("profile: strict\n", ["--profile", "default"], set()),  # the command line wins
        ("select_rules: [MLC-AWS-S3-001, MLC-AWS-S3-006]\n", [], {"MLC-AWS-S3-006"}),  # named: runs
    ],
)
def test_profile_strict_adds_policy_choice_rules(
    tmp_path: Path, config: str, flags: list[str], strict_rules: set[str]
) -> None:
    write_files(tmp_path, {"repo/main.tf": PUBLIC, "cfg.yaml": config or "{}\n"})
    proc = run_cli(
        "scan", tmp_path / "repo", "--config", tmp_path / "cfg.yaml", *flags, "--json-output", tmp_path / "r.json"
    )
    assert proc.returncode in (0, 1), proc.stderr
    results = json.loads((tmp_path / "r.json").read_text())
    assert {f["rule_id"] for f in results["findings"]} & STRICT_S3 == strict_rules
    assert {r["id"] for r in results["rules"]} & STRICT_S3 == strict_rules  # the rules that ran


def test_unknown_profile_is_a_usage_error(tmp_path: Path) -> None:
    write_files(tmp_path, {"repo/a.yaml": CLEAN, "cfg.yaml": "profile: paranoid\n"})
    proc = run_cli("scan", tmp_path / "repo", "--config", tmp_path / "cfg.yaml")
    assert proc.returncode == 2 and "cfg.yaml" in proc.stderr and "profile" in proc.stderr
    assert run_cli("scan", tmp_path / "repo", "--profile", "paranoid").returncode == 2


def test_rules_lists_each_rules_profile() -> None:
    text = run_cli("rules").stdout
    line = next(x for x in text.splitlines() if x.startswith("MLC-AWS-S3-006 "))
    assert line.split()[1:3] == ["low", "strict"]
    line = next(x for x in text.splitlines() if x.startswith("MLC-AWS-S3-002 "))
    assert line.split()[1:3] == ["critical", "default"]
    metas = {m["id"]: m for m in json.loads(run_cli("rules", "--format", "json").stdout)}
    assert metas["MLC-AWS-S3-004"]["profile"] == "strict" and metas["MLC-AWS-S3-005"]["profile"] == "default"


def test_config_selects_rules(tmp_path: Path) -> None:
    cfg = "select_rules: [MLC-AWS-S3-001, MLC-AWS-S3-002]\nskip_rules: [MLC-AWS-S3-002]\n"
    write_files(tmp_path, {"repo/main.tf": PUBLIC, "cfg.yaml": cfg})
    proc = run_cli("scan", tmp_path / "repo", "--config", tmp_path / "cfg.yaml", "--json-output", tmp_path / "r.json")
    assert proc.returncode == 0, proc.stderr  # S3-001 is low: S3 encrypts new objects by default
    results = json.loads((tmp_path / "r.json").read_text())
    assert {f["rule_id"] for f in results["findings"]} == {"MLC-AWS-S3-001"}
    assert [r["id"] for r in results["rules"]] == ["MLC-AWS-S3-001"]


def test_outputs_written(tmp_path: Path) -> None:
    write_files(tmp_path, {"repo/main.tf": PUBLIC})
    sarif, js = tmp_path / "out" / "r.sarif", tmp_path / "out" / "r.json"
    proc = run_cli("scan", tmp_path / "repo", "--sarif-output", sarif, "--json-output", js)
    assert proc.returncode == 1
    assert len(sarif_file(sarif)["runs"][0]["results"]) == 3
    assert json.loads(js.read_text())["summary"]["total"] == 3


def test_size_cap_is_noted(tmp_path: Path) -> None:
    write_files(tmp_path, {"big.yaml": "a: " + "x" * 2000 + "\n", "small.yaml": CLEAN})
    proc = run_cli("scan", tmp_path, "--max-file-bytes", "1000", "--json-output", tmp_path / "r.json")
    assert proc.returncode == 0
    errors = json.loads((tmp_path / "r.json").read_text())["errors"]
    assert errors == [
        {
            "path": "big.yaml",
            "line": None,
            "column": None,
            "kind": "limit",
            "message": "larger than 1000 bytes (2004); not loaded",
        }
    ]


def test_quiet(tmp_path: Path) -> None:
    write_files(tmp_path, {"main.tf": PUBLIC})
    proc = run_cli("scan", tmp_path, "-q")
    assert proc.stdout == "mlcomply: 3 finding(s), 0 scan error(s)\n"


def test_closed_pipe_is_not_an_error() -> None:
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    proc = subprocess.run(
        # ~100 KB of JSON: more than a pipe holds, so the writer does meet the closed pipe.
        f"{sys.executable} -m scanner rules --format json | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert proc.stdout == "[" and "Traceback" not in proc.stderr and "internal error" not in proc.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--max-file-bytes", "-1"), "--max-file-bytes -1: must be at least 1"),
        (("--max-file-bytes", "0"), "--max-file-bytes 0: must be at least 1"),
        (("--var-file", "missing.tfvars"), "--var-file missing.tfvars: no such file"),
        (("--since=--output=x",), "--since '--output=x': not a git revision (it must not start with '-')"),
        (("--diff-base=-x",), "--diff-base '-x': not a git revision (it must not start with '-')"),
        (("--diff-base=",), "--diff-base '': not a git revision (it is empty)"),
    ],
    ids=["negative size", "zero size", "missing var file", "option-like since", "option-like diff base", "empty ref"],
)
def test_usage_errors_are_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    write_files(tmp_path, {"repo/main.tf": PUBLIC})
    proc = run_cli("scan", tmp_path / "repo", *args, "--json-output", tmp_path / "r.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == f"mlcomply: error: {message}\n"
    assert not (tmp_path / "r.json").exists()  # refused before any work
    assert not (tmp_path / "x").exists()  # `--output=x` never reached git


def test_baseline_create_refuses_a_zero_size(tmp_path: Path) -> None:
    write_files(tmp_path, {"repo/main.tf": PUBLIC})
    proc = run_cli("baseline", "create", tmp_path / "repo", "--output", tmp_path / "b.json", "--max-file-bytes", "0")
    assert proc.returncode == 2 and proc.stderr == "mlcomply: error: --max-file-bytes 0: must be at least 1\n"

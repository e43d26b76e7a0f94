"""The command line's manners, through the real CLI: no abbreviations, "did you mean", the
subcommand's own usage on errors, case-insensitive severities, and the stdout formats."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, run_cli, write_files

PUBLIC = 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n'


@pytest.mark.parametrize(
    ("argv", "usage", "message"),
    [
        (
            ["scan", "--fail-onn", "high"],
            "usage: mlcomply scan ",
            "unrecognized arguments: --fail-onn (did you mean --fail-on?)",
        ),
        (
            ["scan", "--sarif", "x.sarif"],
            "usage: mlcomply scan ",
            "unrecognized arguments: --sarif (did you mean --sarif-output?)",
        ),
        (["scn"], "usage: mlcomply [-h]", "invalid choice: 'scn' (choose from"),
        (["scan", "--fail-on", "hihg"], "usage: mlcomply scan ", "(did you mean high?)"),
        (
            ["baseline", "create", "--output", "b.json", "--confg", "c"],
            "usage: mlcomply baseline create ",
            "(did you mean --config?)",
        ),
        (
            ["org", "report", "--db", "x", "--output", "r.md", "--run", "3"],
            "usage: mlcomply org report ",
            "(did you mean --runs?)",
        ),
        (["rules", "--formt", "json"], "usage: mlcomply rules ", "(did you mean --format?)"),
    ],
)
def test_usage_errors_name_the_subcommand_and_suggest(
    argv: list[str], usage: str, message: str, tmp_path: Path
) -> None:
    out = run_cli(*argv, cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.startswith(usage), out.stderr
    assert message in out.stderr
    assert out.stdout == ""


def test_an_unknown_command_gets_a_suggestion(tmp_path: Path) -> None:
    assert "(did you mean scan?)" in run_cli("scn", cwd=tmp_path).stderr


def test_severities_are_case_insensitive(tmp_path: Path) -> None:
    write_files(tmp_path, {"main.tf": PUBLIC})
    assert run_cli("scan", ".", "--fail-on", "CRITICAL", "-q", cwd=tmp_path).returncode == 1
    assert run_cli("scan", ".", "--fail-on", "None", "-q", cwd=tmp_path).returncode == 0


def test_piped_output_is_compact_and_stable_and_text_is_chosen_with_format(tmp_path: Path) -> None:
    write_files(tmp_path, {"main.tf": PUBLIC})
    piped = run_cli("scan", ".", cwd=tmp_path, env={"FORCE_COLOR": ""})
    assert "CRITICAL MLC-AWS-S3-002         main.tf:1  [aws_s3_bucket.a]" in piped.stdout
    assert "fix:" not in piped.stdout and "\033" not in piped.stdout
    text = run_cli("scan", ".", "--format", "text", cwd=tmp_path)
    assert "fix: Use the `private` canned ACL" in text.stdout and "\033" not in text.stdout
    forced = run_cli("scan", ".", "--format", "text", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert "\033[1;37;41mCRITICAL" in forced.stdout
    assert piped.returncode == text.returncode == forced.returncode == 1


def test_json_and_sarif_on_stdout_are_the_documents_the_output_flags_write(tmp_path: Path) -> None:
    write_files(tmp_path, {"main.tf": PUBLIC})
    out = run_cli("scan", ".", "--format", "json", "--json-output", "r.json", "--sarif-output", "r.sarif", cwd=tmp_path)
    assert json.loads(out.stdout)["findings"] == json.loads((tmp_path / "r.json").read_text())["findings"]
    sarif = run_cli("scan", ".", "--format", "SARIF", cwd=tmp_path)
    assert (
        json.loads(sarif.stdout)["runs"][0]["results"]
        == json.loads((tmp_path / "r.sarif").read_text())["runs"][0]["results"]
    )


def test_github_format_through_the_cli(tmp_path: Path) -> None:
    write_files(tmp_path, {"main.tf": PUBLIC})
    out = run_cli("scan", ".", "--format", "github", cwd=tmp_path)
    assert out.stdout.startswith("::error file=main.tf,line=1,")
    assert out.returncode == 1


def test_scanning_the_bundled_example_as_the_readme_does() -> None:
    example = REPO_ROOT / "examples" / "ml-platform"
    assert os.path.isdir(example)
    out = run_cli("scan", "examples/ml-platform", "--fail-on", "none", cwd=REPO_ROOT)
    assert out.returncode == 0 and "MLC-AWS-S3-002" in out.stdout


def test_parse_known_args_still_returns_unknown_options_without_an_error() -> None:
    """The Action probes for optional flags this way (scanner.action.supports)."""
    from scanner.cli import _parser

    _, unknown = _parser().parse_known_args(["scan", "--not-a-flag", "x"])
    assert unknown == ["--not-a-flag"]

"""The console format for people, on real scans: title, location, message, fix, link, grouping,
collapsing of copies, colour only when asked for, and the summary table."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from scanner.console.style import Style, use_color
from scanner.console.text import one_line, write_text
from scanner.rulesets import RuleSet
from scanner.scan import ScanResult, scan
from tests.conftest import write_files

PUBLIC = 'resource "aws_s3_bucket" "a" {\n  acl = "public-read"\n}\n'
TOKEN = 'HF = "hf_aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH"\n'
ANSI = re.compile(r"\033\[[0-9;]*m")


def _render(result: ScanResult, color: bool = False, show_all: bool = False, env: dict[str, str] | None = None) -> str:
    out = io.StringIO()
    write_text(result, out, "high", Style(color), show_all, env or {})
    return out.getvalue()


def test_a_finding_shows_title_location_message_fix_and_doc_link(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"infra/main.tf": PUBLIC})
    text = _render(scan([tmp_path], builtin_rules))
    block = text[text.index("infra/main.tf\n") :]
    assert "CRITICAL MLC-AWS-S3-002  S3 bucket readable by the public\n" in block
    assert "infra/main.tf:1  aws_s3_bucket.a\n" in block
    assert 'has the public canned ACL "public-read"' in block
    assert re.search(r"\n {11}fix: Use the `private` canned ACL .*\n", block)
    assert "docs: https://github.com/mlcomply/mlcomply/blob/v0.1.0/docs/rules/MLC-AWS-S3-002.md\n" in block
    assert not ANSI.search(text)


def test_the_doc_link_base_comes_from_the_environment(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"main.tf": PUBLIC})
    text = _render(scan([tmp_path], builtin_rules), env={"MLCOMPLY_DOCS_URL": "https://git.example.com/d"})
    assert "docs: https://git.example.com/d/MLC-AWS-S3-002.md" in text


def test_a_users_rule_gets_no_doc_link(tmp_path: Path, builtin_rules: RuleSet) -> None:
    from scanner.console.links import doc_url

    meta = next(m for m in builtin_rules.metas if m.id == "MLC-AWS-S3-002")
    assert doc_url(meta, {}) is not None
    from dataclasses import replace

    assert doc_url(replace(meta, source=str(tmp_path / "mine.rego")), {}) is None
    assert doc_url(replace(meta, engine="checkov"), {}) is None


def test_findings_are_grouped_by_file_with_a_summary_table(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"a/main.tf": PUBLIC, "b.py": TOKEN, "x.yaml": "a: ["})
    text = _render(scan([tmp_path], builtin_rules))
    headers = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert headers[:2] == ["a/main.tf", "b.py"] and "scan errors" in headers and headers[-1] == "summary"
    assert re.search(r"\n  critical +2  fails the scan\n", text)
    assert re.search(r"\n  low +\d+\n", text) and "fails the scan" not in text.split("  low")[1].split("\n")[0]
    assert re.search(r"\n  total +\d+\n", text)
    assert "ERROR x.yaml:2:1: invalid YAML" in text
    assert "scanned: 3 files" in text and "failing on: high and above" in text


def test_identical_findings_in_many_files_are_shown_once_with_a_count(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {f"copy{i}/settings.py": TOKEN for i in range(5)})
    result = scan([tmp_path], builtin_rules)
    collapsed = _render(result)
    assert collapsed.count("MLC-SECRET-HUGGINGFACE-001  ") == 1
    assert "also in 4 more file(s): copy1/settings.py, copy2/settings.py, copy3/settings.py and 1 more" in collapsed
    every = _render(result, show_all=True)
    assert every.count("MLC-SECRET-HUGGINGFACE-001  ") == 5 and "also in" not in every


def test_many_findings_of_one_rule_in_one_file_are_counted(tmp_path: Path, builtin_rules: RuleSet) -> None:
    tokens = "".join(f'K{i} = "hf_{chr(97 + i)}BcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH"\n' for i in range(6))
    write_files(tmp_path, {"settings.py": tokens})
    result = scan([tmp_path], builtin_rules)
    assert sum(f.rule_id == "MLC-SECRET-HUGGINGFACE-001" for f in result.findings) == 6
    text = _render(result)
    assert text.count("MLC-SECRET-HUGGINGFACE-001  ") == 3
    assert "… 3 more MLC-SECRET-HUGGINGFACE-001 finding(s) in this file" in text
    assert text.count("fix: ") == 1  # the fix and link once per rule and file
    assert _render(result, show_all=True).count("MLC-SECRET-HUGGINGFACE-001  ") == 6


def test_colour_by_severity_only_when_asked(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"main.tf": PUBLIC})
    result = scan([tmp_path], builtin_rules)
    text = _render(result, color=True)
    assert "\033[1;37;41mCRITICAL" in text and "\033[36mLOW" in text
    assert ANSI.sub("", text) == _render(result)  # colour changes nothing else


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("tty", "env", "expected"),
    [
        (True, {}, True),
        (False, {}, False),
        (True, {"NO_COLOR": "1"}, False),
        (True, {"TERM": "dumb"}, False),
        (False, {"FORCE_COLOR": "1"}, True),
        (False, {"FORCE_COLOR": "0"}, False),
        (True, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True),
        (True, {"NO_COLOR": ""}, True),  # no-color.org: set and not empty
    ],
)
def test_when_colour_is_used(tty: bool, env: dict[str, str], expected: bool) -> None:
    assert use_color(_Tty() if tty else io.StringIO(), env) is expected


@pytest.mark.parametrize(
    ("remediation", "fix"),
    [
        ("Enable it. Then rotate.", "Enable it."),
        ("Add `permissions.contents: read` to the job. More text.", "Add `permissions.contents: read` to the job."),
        ("Pin it, e.g. `x@sha256:...`. Then more.", "Pin it, e.g. `x@sha256:...`."),
        ("Use a key;\nthen rotate it.", "Use a key"),
        ("No full stop at all", "No full stop at all"),
        ("x" * 200, "x" * 159 + "…"),
    ],
)
def test_the_fix_is_the_first_sentence_of_the_remediation(remediation: str, fix: str) -> None:
    assert one_line(remediation) == fix


def test_a_file_name_cannot_colour_or_fake_lines(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"evil\033[31m\nHIGH.tf": PUBLIC})
    text = _render(scan([tmp_path], builtin_rules))
    assert "\033" not in text and "evil\\x1b[31m\\nHIGH.tf" in text

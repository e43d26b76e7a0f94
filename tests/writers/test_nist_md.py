from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scanner.nist.report import build_report
from scanner.rulesets import RuleSet
from scanner.writers import nist_md
from scanner.writers.escape import md_cell
from tests.nist_fixtures import fixture_results, suppress_all


@pytest.fixture
def failing(tmp_path: Path, builtin_rules: RuleSet) -> dict[str, Any]:
    return fixture_results("failing", tmp_path, builtin_rules)


def many_findings(results: dict[str, Any], n: int) -> dict[str, Any]:
    """`n` findings like the first one, with long messages: a monorepo's worth."""
    out = copy.deepcopy(results)
    base = out["findings"][0]
    out["findings"] = [
        {**base, "fingerprint": f"{i:032x}", "path": f"mod{i}/main.tf", "message": "x" * 300 + f" #{i}"}
        for i in range(n)
    ]
    return out


def test_failing_fixture_summary(failing: dict[str, Any]) -> None:
    md = nist_md.render(build_report(failing, "high"))
    assert md.startswith("# NIST AI RMF 1.0 report")
    assert "| Coverage | **3.2 %**: 2 of 62 statically assessable subcategories" in md
    assert "| Secure and Resilient | MEASURE 2.7 | ❌ fail | 5 |" in md
    assert "<summary><b>MEASURE 2.7</b> Security and resilience: ❌ fail, 5 finding(s)</summary>" in md
    assert "| critical ⛔ | MLC-AWS-S3-002 | main.tf:7 (aws\\_s3\\_bucket.models) |" in md
    assert "**MLC-AWS-S3-003** S3 bucket without a complete public access block:" in md
    assert "| GOVERN 2.2 AI risk management training | 📝 attestation | none | none | 0 | 0 |" in md
    assert "**Coverage.** Coverage = statically assessable subcategories" in md
    assert md.count("<details") == md.count("</details>")


def test_passing_fixture_summary(tmp_path: Path, builtin_rules: RuleSet) -> None:
    md = nist_md.render(build_report(fixture_results("passing", tmp_path, builtin_rules), "high"))
    assert "| Secure and Resilient | MEASURE 2.7 | ✅ pass | 0 |" in md
    assert "No findings that are not suppressed." in md


def test_suppressed_findings_section(failing: dict[str, Any]) -> None:
    md = nist_md.render(build_report(suppress_all(failing), "high"))
    assert "5 suppressed finding(s), counted apart and never failing a subcategory." in md
    assert "| low | MLC-AWS-S3-001 | main.tf:3 | inline | accepted risk: test data |" in md


def test_stays_under_one_mebibyte_and_says_what_it_left_out(failing: dict[str, Any]) -> None:
    md = nist_md.render(build_report(many_findings(failing, 6000), "high"))
    assert len(md.encode("utf-8")) <= nist_md.MAX_BYTES
    assert "more finding(s) not listed here to keep this summary under 1 MiB" in md
    assert md.rstrip().endswith("|")  # the rules table, at the end, is whole


def test_hard_cut_when_even_the_skeleton_is_too_large(failing: dict[str, Any]) -> None:
    md = nist_md.render(build_report(failing, "high"), max_bytes=4000)
    assert len(md.encode("utf-8")) <= 4000
    assert md.endswith("the HTML and JSON reports are complete.*\n")


def test_hostile_text_cannot_break_tables_or_inject_html(failing: dict[str, Any]) -> None:
    results = copy.deepcopy(failing)
    results["findings"][0]["message"] = "a | b\n<img src=x onerror=alert(1)> [click](javascript:x)"
    md = nist_md.render(build_report(results, "high"))
    assert "<img" not in md
    assert "a \\| b &lt;img src=x onerror=alert(1)&gt; \\[click\\](javascript:x)" in md


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        ("plain", "plain"),
        ("a|b", "a\\|b"),
        ("`code` *em* _u_ ~s~", "\\`code\\` \\*em\\* \\_u\\_ \\~s\\~"),
        ("<b>&", "&lt;b&gt;&amp;"),
        ("two\nlines", "two lines"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_md_cell(raw: str, cell: str) -> None:
    assert md_cell(raw) == cell


def test_threshold_none_says_nothing_fails(failing: dict[str, Any]) -> None:
    md = nist_md.render(build_report(failing, "none"))
    assert "**Statuses.** fail: never (threshold none);" in md
    # Nothing fails, but open findings are concerns, never a pass.
    assert "| Secure and Resilient | MEASURE 2.7 | ⚠️ concerns | 5 |" in md


@given(st.text())
def test_md_cell_never_leaves_table_or_html_syntax(raw: str) -> None:
    cell = md_cell(raw)
    assert "\n" not in cell and "\r" not in cell
    assert "<" not in cell and ">" not in cell
    # Every | is escaped by an odd number of backslashes, so it cannot end the cell.
    for i, ch in enumerate(cell):
        if ch == "|":
            run = len(cell[:i]) - len(cell[:i].rstrip("\\"))
            assert run % 2 == 1, cell

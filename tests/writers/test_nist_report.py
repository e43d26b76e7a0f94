"""`scan --report-output` and `report RESULTS --output` through the real command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scanner.errors import FatalError
from scanner.nist.results import validator
from scanner.writers.nist_report import writer_for
from tests.conftest import run_cli, write_files
from tests.nist_fixtures import fixture_repo


@pytest.mark.parametrize("suffix", [".md", ".html", ".json", ".HTML"])
def test_scan_and_report_give_identical_reports(suffix: str, tmp_path: Path) -> None:
    repo = fixture_repo("failing", tmp_path)
    from_scan, from_report = tmp_path / f"scan{suffix}", tmp_path / "out" / f"report{suffix}"
    results = tmp_path / "results.json"
    scanned = run_cli("scan", repo, "--json-output", results, "--report-output", from_scan, "-q")
    assert scanned.returncode == 1, scanned.stderr  # findings at or above high
    rendered = run_cli("report", results, "--output", from_report)
    assert rendered.returncode == 0, rendered.stderr
    assert from_scan.read_bytes() == from_report.read_bytes()
    assert "MEASURE 2.7" in from_scan.read_text(encoding="utf-8")


def test_report_threshold_follows_fail_on(tmp_path: Path) -> None:
    repo = fixture_repo("failing", tmp_path)
    out = tmp_path / "nist.json"
    scanned = run_cli("scan", repo, "--fail-on", "none", "--report-output", out, "-q")
    assert scanned.returncode == 0, scanned.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert list(validator("nist-report.schema.json").iter_errors(doc)) == []
    assert doc["threshold"] == "none"
    assert next(s for s in doc["subcategories"] if s["id"] == "MEASURE 2.7")["status"] == "concerns"


MODEL_CARD = """---
license: apache-2.0
datasets: [squad]
---
# Reader

## Training data
SQuAD v1.1.

## Evaluation
F1 88.5 on the SQuAD dev set.

## Limitations and bias
It reflects the biases of Wikipedia.
"""


def test_an_open_finding_below_the_threshold_is_never_a_pass(tmp_path: Path) -> None:
    """MAP 1.1's only finding says the card states no intended use: medium, below the default
    high threshold. Every format says "concerns", none says "pass"."""
    repo = tmp_path / "repo"
    write_files(repo, {"README.md": MODEL_CARD, "model.safetensors": ""})
    for ext in ("json", "md", "html"):
        out = tmp_path / f"nist.{ext}"
        scanned = run_cli("scan", repo, "--report-output", out, "-q")
        assert scanned.returncode == 0, scanned.stderr
        text = out.read_text(encoding="utf-8")
        if ext == "json":
            doc = json.loads(text)
            assert list(validator("nist-report.schema.json").iter_errors(doc)) == []
            map11 = next(s for s in doc["subcategories"] if s["id"] == "MAP 1.1")
            assert map11["status"] == "concerns"
            assert [(f["rule_id"], f["failing"]) for f in map11["findings"]] == [("MLC-CARD-USES-001", False)]
            assert doc["coverage"]["by_status"]["concerns"] >= 1
        elif ext == "md":
            assert "<b>MAP 1.1</b> Intended purposes, context, users, impacts documented: ⚠️ concerns" in text
            assert "| MAP 1.1 Intended purposes, context, users, impacts documented | ✅ pass" not in text
        else:
            assert re.search(r'sq-concerns"[^>]*><title>MAP 1\.1 [^<]*: concerns, 1 finding', text)


def test_passing_repo_report(tmp_path: Path) -> None:
    out = tmp_path / "nist.md"
    scanned = run_cli("scan", fixture_repo("passing", tmp_path), "--report-output", out, "-q")
    assert scanned.returncode == 0, scanned.stderr
    assert "| Secure and Resilient | MEASURE 2.7 | ✅ pass | 0 |" in out.read_text(encoding="utf-8")


def test_unknown_extension_is_a_usage_error_before_scanning(tmp_path: Path) -> None:
    done = run_cli("scan", tmp_path / "does-not-exist", "--report-output", tmp_path / "r.pdf")
    assert done.returncode == 2
    assert "report output" in done.stderr and "'.pdf'" in done.stderr and ".html" in done.stderr
    with pytest.raises(FatalError, match="unknown extension"):
        writer_for(Path("report"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"findings": [', "line 1 column 15"),
        ('{"format_version": 1}', "not an mlcomply results document"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_report_rejects_bad_results_naming_the_file(tmp_path: Path, content: str | bytes, message: str) -> None:
    bad = tmp_path / "results.json"
    bad.write_bytes(content if isinstance(content, bytes) else content.encode())
    done = run_cli("report", bad, "--output", tmp_path / "r.md")
    assert done.returncode == 2
    assert str(bad) in done.stderr and message in done.stderr
    assert not (tmp_path / "r.md").exists()


def test_report_missing_results_file(tmp_path: Path) -> None:
    done = run_cli("report", tmp_path / "nope.json", "--output", tmp_path / "r.md")
    assert done.returncode == 2 and "No such file" in done.stderr

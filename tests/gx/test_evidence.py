"""Suites and checkpoints are evidence in the NIST report: the GX rules read only GX documents,
so a repository with a GX project has GOVERN 4.3 (testing practices), MEASURE 2.1 and MEASURE
2.10 assessed by them, and one without has them not assessed by the GX rules. End to end through
the real command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

SUITE = '{"name": "loans", "expectations": [{"type": "expect_column_to_exist", "kwargs": {"column": "id"}}]}'


def _subs(root: Path, tmp_path: Path) -> dict[str, dict[str, Any]]:
    out = tmp_path / "report.json"
    proc = run_cli("scan", root, "--report-output", out, "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    return {s["id"]: s for s in json.loads(out.read_text())["subcategories"]}


def test_gx_project_is_evidence(make_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = make_repo({"gx/expectations/loans.json": SUITE, "gx/checkpoints/nightly.json": '{"name": "nightly"}'})
    subs = _subs(root, tmp_path)
    assert subs["GOVERN 4.3"]["status"] == "pass"
    for sub in ("GOVERN 4.3", "MEASURE 2.1", "MEASURE 2.10"):
        assert "MLC-GX-002" in subs[sub]["rules_applied"]


def test_without_gx_the_gx_rules_assess_nothing(make_repo: Callable[..., Path], tmp_path: Path) -> None:
    subs = _subs(make_repo({"tests/expectations/loans.json": SUITE}), tmp_path)
    assert subs["GOVERN 4.3"]["status"] == "not-assessed"
    assert "MLC-GX-002" not in subs["MEASURE 2.10"]["rules_applied"]

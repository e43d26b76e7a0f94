"""Rule-level C13/C14: the `depth` option, and model cards paired with the record by folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scanner.rulesets import RuleSet
from scanner.scan import ScanResult, scan
from tests.conftest import write_files
from tests.provenance.test_lineage import chain
from tests.provenance.test_must_show import base, complete_plus

LINEAGE, EVAL = "MLC-PROV-LINEAGE-001", "MLC-PROV-EVAL-001"
EX = "https://example.org/ml/"


def run(tmp_path: Path, rules: RuleSet, files: dict[str, str], options: Any = None) -> ScanResult:
    write_files(tmp_path, files)
    return scan([tmp_path], rules, rule_options=options)


def addresses(result: ScanResult, rule: str) -> list[str | None]:
    return sorted(f.address for f in result.findings if f.rule_id == rule)


@pytest.mark.parametrize(("options", "expected"), [(None, [EX + "data/raw"]), ({LINEAGE: {"depth": 2}}, [])])
def test_depth_option(tmp_path: Path, builtin_rules: RuleSet, options: Any, expected: list[str]) -> None:
    record = base()
    chain(record)
    result = run(tmp_path, builtin_rules, {"model.prov.json": json.dumps(record)}, options)
    assert addresses(result, LINEAGE) == expected


@pytest.mark.parametrize("depth", [0, "3", True, 1.5])
def test_invalid_depth_is_an_error_naming_the_option(tmp_path: Path, builtin_rules: RuleSet, depth: Any) -> None:
    result = run(tmp_path, builtin_rules, {"model.prov.json": json.dumps(base())}, {LINEAGE: {"depth": depth}})
    assert [(e.path, e.kind) for e in result.errors] == [("model.prov.json", "engine")]
    assert f"{LINEAGE}.depth" in result.errors[0].message
    assert addresses(result, EVAL) == [EX + "model/churn-clf-v3"]  # the other rules still ran


def card(f1: float) -> str:
    return f"""---
license: apache-2.0
model-index:
  - name: churn-clf-v3
    results:
      - task: {{type: text-classification}}
        dataset: {{type: acme/churn, name: data/prepared/test, split: test}}
        metrics:
          - {{type: f1, value: {f1}}}
---

# churn-clf-v3
"""


@pytest.mark.parametrize(("f1", "expected"), [(0.91, []), (0.95, [EX + "metrics/eval-1"])])
def test_card_beside_the_record_is_compared(
    tmp_path: Path, builtin_rules: RuleSet, f1: float, expected: list[str]
) -> None:
    files = {"models/churn/README.md": card(f1), "models/churn/model.prov.json": json.dumps(complete_plus())}
    result = run(tmp_path, builtin_rules, files)
    assert addresses(result, EVAL) == expected
    if expected:
        [finding] = [f for f in result.findings if f.rule_id == EVAL]
        assert finding.path == "models/churn/model.prov.json"
        assert "models/churn/README.md" in finding.message


def test_card_of_another_model_is_not_compared(tmp_path: Path, builtin_rules: RuleSet) -> None:
    files = {
        "models/churn/README.md": card(0.912),
        "models/churn/model.prov.json": json.dumps(complete_plus()),
        "models/other/README.md": card(0.5),  # would disagree with models/churn's metrics
        "models/other/model.prov.json": json.dumps(base()),
    }
    result = run(tmp_path, builtin_rules, files)
    found = sorted((f.path, f.address) for f in result.findings if f.rule_id == EVAL)
    assert found == [("models/other/model.prov.json", EX + "model/churn-clf-v3")]  # not evaluated at all

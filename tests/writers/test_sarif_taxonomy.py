"""NIST AI RMF 1.0 as a SARIF taxonomy, valid against the OASIS and GitHub SARIF schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from scanner.nist.core import load_core
from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.writers.sarif import to_sarif
from tests.conftest import REFERENCE
from tests.nist_fixtures import fixture_repo


@pytest.fixture
def sarif(tmp_path: Path, builtin_rules: RuleSet) -> dict[str, Any]:
    return to_sarif(scan([fixture_repo("failing", tmp_path)], builtin_rules))


@pytest.mark.parametrize("schema_file", ["sarif-schema-2.1.0.json", "sarif-schema-2.1.0-github.json"])
def test_valid_sarif(sarif: dict[str, Any], schema_file: str) -> None:
    schema = json.loads((REFERENCE / schema_file).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    errors = [e.message for e in cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(sarif)]
    assert errors == []


def test_taxonomy_has_the_72_subcategories(sarif: dict[str, Any]) -> None:
    run = sarif["runs"][0]
    taxonomy = run["taxonomies"][0]
    assert taxonomy["name"] == "NIST AI RMF" and taxonomy["version"] == "1.0"
    assert [t["id"] for t in taxonomy["taxa"]] == [s.id for s in load_core().subcategories]
    ms27 = next(t for t in taxonomy["taxa"] if t["id"] == "MEASURE 2.7")
    assert ms27["fullDescription"]["text"].startswith("AI system security and resilience")
    assert run["tool"]["driver"]["supportedTaxonomies"][0] == {
        "name": "NIST AI RMF",
        "index": 0,
        "guid": taxonomy["guid"],
    }


def test_each_rule_relates_to_its_subcategories(sarif: dict[str, Any]) -> None:
    run = sarif["runs"][0]
    taxa = run["taxonomies"][0]["taxa"]
    rules = run["tool"]["driver"]["rules"]
    assert rules
    for rule in rules:
        nist = [r for r in rule["relationships"] if r["target"]["toolComponent"]["index"] == 0]
        assert [r["target"]["id"] for r in nist] == rule["properties"]["nist-ai-rmf"]
        for rel in nist:
            target = rel["target"]
            assert rel["kinds"] == ["relevant"]
            assert taxa[target["index"]]["id"] == target["id"]
            assert target["toolComponent"]["name"] == run["taxonomies"][0]["name"]
            assert target["toolComponent"]["guid"] == run["taxonomies"][0]["guid"]

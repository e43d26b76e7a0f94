"""MITRE ATLAS as the second SARIF taxonomy, valid against the OASIS and GitHub SARIF schemas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scanner.atlas.catalog import load_catalog
from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.writers.sarif import to_sarif
from tests.nist_fixtures import fixture_repo
from tests.writers.sarif_validation import validate_sarif


@pytest.fixture
def sarif(tmp_path: Path, builtin_rules: RuleSet) -> dict[str, Any]:
    return to_sarif(scan([fixture_repo("failing", tmp_path)], builtin_rules))


def test_sarif_with_both_taxonomies_validates(sarif: dict[str, Any]) -> None:
    validate_sarif(sarif)
    run = sarif["runs"][0]
    assert [t["name"] for t in run["taxonomies"]] == ["NIST AI RMF", "MITRE ATLAS"]
    refs = run["tool"]["driver"]["supportedTaxonomies"]
    assert [(r["name"], r["index"], r["guid"]) for r in refs] == [
        (t["name"], i, t["guid"]) for i, t in enumerate(run["taxonomies"])
    ]


def test_atlas_taxonomy_lists_the_shipped_techniques(sarif: dict[str, Any]) -> None:
    atlas = sarif["runs"][0]["taxonomies"][1]
    cat = load_catalog()
    assert atlas["version"] == cat.version and "Apache" in atlas["properties"]["license"]
    assert [t["id"] for t in atlas["taxa"]] == list(cat.techniques)
    model = next(t for t in atlas["taxa"] if t["id"] == "AML.T0010.003")
    assert model["shortDescription"]["text"] == "AML.T0010.003 AI Supply Chain Compromise: Model"
    assert model["helpUri"] == "https://atlas.mitre.org/techniques/AML.T0010.003"
    (parent,) = model["relationships"]
    assert parent["kinds"] == ["subset"] and atlas["taxa"][parent["target"]["index"]]["id"] == "AML.T0010"


def test_each_rule_relates_to_its_techniques(sarif: dict[str, Any], builtin_rules: RuleSet) -> None:
    run = sarif["runs"][0]
    atlas = run["taxonomies"][1]
    metas = {m.id: m for m in builtin_rules.metas}
    rules = run["tool"]["driver"]["rules"]
    assert any(r["properties"]["mitre-atlas"] for r in rules)
    for rule in rules:
        rels = [r for r in rule["relationships"] if r["target"]["toolComponent"]["name"] == "MITRE ATLAS"]
        assert [r["target"]["id"] for r in rels] == list(metas[rule["id"]].atlas) == rule["properties"]["mitre-atlas"]
        for rel in rels:
            assert rel["kinds"] == ["relevant"]
            assert atlas["taxa"][rel["target"]["index"]]["id"] == rel["target"]["id"]
            assert rel["target"]["toolComponent"] == {"name": "MITRE ATLAS", "index": 1, "guid": atlas["guid"]}
        assert {f"MITRE-ATLAS/{t}" for t in rule["properties"]["mitre-atlas"]} <= set(rule["properties"]["tags"])


def test_results_carry_their_rules_techniques(sarif: dict[str, Any]) -> None:
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["results"]
    for res in run["results"]:
        assert res["properties"]["mitre-atlas"] == rules[res["ruleIndex"]]["properties"]["mitre-atlas"]

"""The shipped ATLAS list: what it holds, and that the regeneration script rebuilds it."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from scanner.atlas import regenerate
from scanner.atlas.catalog import DATA_FILE, load_catalog, unknown_ids

# A two-technique slice of dist/ATLAS.yaml, in the release's own shape (sub-techniques carry
# `subtechnique-of` and no tactics).
ATLAS_YAML = """\
id: ATLAS
name: Adversarial Threat Landscape for AI Systems
version: 9.9.0
matrices:
- id: ATLAS
  name: ATLAS Matrix
  tactics:
  - {id: AML.TA0004, name: Initial Access, description: x}
  techniques:
  - {id: AML.T0010.003, name: Model, subtechnique-of: AML.T0010, description: x}
  - {id: AML.T0010, name: AI Supply Chain Compromise, tactics: [AML.TA0004], description: x}
case-studies: []
"""


def test_shipped_list_names_version_license_and_source() -> None:
    cat = load_catalog()
    raw = json.loads(DATA_FILE.read_text())
    assert cat.version == "5.6.0"
    assert raw["license"] == "Apache-2.0" and "MITRE" in cat.license_note
    assert raw["source"]["repository"] == "https://github.com/mitre-atlas/atlas-data"
    assert len(cat.source_commit or "") == 40
    assert len(cat.techniques) == 170 and len(cat.tactics) == 16


def test_techniques_carry_names_tactics_and_urls() -> None:
    cat = load_catalog()
    model = cat.techniques["AML.T0010.003"]
    assert model.parent == "AML.T0010"
    assert model.tactics == ("AML.TA0004",)  # inherited from AML.T0010
    assert model.url == "https://atlas.mitre.org/techniques/AML.T0010.003"
    assert cat.label("AML.T0010.003") == "AML.T0010.003 AI Supply Chain Compromise: Model"
    assert cat.label("AML.T0040") == "AML.T0040 AI Model Inference API Access"
    assert cat.tactic_names("AML.T0020") == ["Resource Development", "Persistence"]
    assert all(t.tactics for t in cat.techniques.values())


def test_unknown_ids_are_reported() -> None:
    assert unknown_ids(["AML.T0010", "AML.T9999", "AML.T0010.009"]) == ["AML.T9999", "AML.T0010.009"]


def test_build_sorts_and_inherits_tactics() -> None:
    out = regenerate.build(yaml.safe_load(ATLAS_YAML), "a" * 40)
    assert out["version"] == "9.9.0" and out["source"]["commit"] == "a" * 40
    assert [t["id"] for t in out["techniques"]] == ["AML.T0010", "AML.T0010.003"]
    assert out["techniques"][1]["tactics"] == ["AML.TA0004"]
    assert "description" not in out["techniques"][0]


def test_regenerate_from_a_checkout_writes_the_file(tmp_path: Path) -> None:
    checkout = tmp_path / "atlas-data"
    (checkout / "dist").mkdir(parents=True)
    (checkout / "dist" / "ATLAS.yaml").write_text(ATLAS_YAML)
    out = tmp_path / "techniques.json"
    assert regenerate.main([str(checkout), "--output", str(out)]) == 0
    written = json.loads(out.read_text())
    assert written["version"] == "9.9.0"
    assert written["source"]["commit"] is None  # not a git checkout
    assert [t["id"] for t in written["techniques"]] == ["AML.T0010", "AML.T0010.003"]


def test_regenerate_without_the_release_file_fails_naming_it(tmp_path: Path, capsys) -> None:
    assert regenerate.main([str(tmp_path), "--output", str(tmp_path / "x.json")]) == 2
    assert "ATLAS.yaml" in capsys.readouterr().err

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner import formats
from scanner.errors import FatalError
from scanner.metadata import check_unique, schema, validate
from scanner.rulesets import RuleSet
from tests.conftest import run_cli

GOOD = {
    "id": "MLC-TEST-001",
    "title": "A test rule",
    "severity": "high",
    "category": "encryption",
    "nist_ai_rmf": ["MEASURE 2.7"],
    "description": "Something is not encrypted.",
    "remediation": "Encrypt the thing.",
    "input_kinds": ["terraform"],
}


def test_every_builtin_rule_validates_and_ids_are_unique(builtin_rules: RuleSet) -> None:
    metas = builtin_rules.metas
    assert len(metas) >= 4
    ids = [m.id for m in metas]
    assert len(ids) == len(set(ids))
    for m in metas:  # re-validate through the public function, as a user's rule would be
        validate(m.to_dict(), m.source, formats.kinds(), m.engine)


def test_schema_nist_ids_are_exactly_the_72_core_subcategories() -> None:
    core = json.loads((Path("scanner/nist/ai-rmf-1.0.json")).read_text())
    ids = [s["id"] for f in core["functions"] for c in f["categories"] for s in c["subcategories"]]
    assert len(ids) == 72
    assert schema()["properties"]["nist_ai_rmf"]["items"]["enum"] == ids


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"severity": "severe"}, "severity"),
        ({"category": "crypto"}, "category"),
        ({"nist_ai_rmf": ["MEASURE 9.9"]}, "nist_ai_rmf/0"),
        ({"nist_ai_rmf": []}, "nist_ai_rmf"),
        ({"id": "S3-001"}, "id"),
        ({"input_kinds": ["cobol"]}, "unknown kind"),
        ({"references": ["not a uri"]}, "references/0"),
        ({"checkov_ids": ["CKV-AWS-19"]}, "checkov_ids/0"),
        ({"colour": "red"}, "unexpected key 'colour'"),
        ({"profile": "paranoid"}, "profile"),
    ],
)
def test_invalid_metadata_names_the_source_and_field(change: dict, message: str) -> None:
    with pytest.raises(FatalError, match=r"policy\.rego") as info:
        validate({**GOOD, **change}, "policy.rego", formats.kinds(), "rego")
    assert message in str(info.value)


def test_missing_field() -> None:
    raw = dict(GOOD)
    del raw["remediation"]
    with pytest.raises(FatalError, match="missing required key 'remediation'"):
        validate(raw, "x.py", formats.kinds(), "python")


def test_duplicate_ids_and_aliases_are_rejected() -> None:
    a = validate(GOOD, "a.rego", formats.kinds(), "rego")
    b = validate({**GOOD, "id": "MLC-TEST-002", "aliases": ["MLC-TEST-001"]}, "b.rego", formats.kinds(), "rego")
    with pytest.raises(FatalError, match=r"MLC-TEST-001 is declared twice: in a\.rego and in b\.rego"):
        check_unique([a, b])


BAD_POLICY = """# METADATA
# title: Bad severity
# description: A policy with invalid metadata.
# custom:
#   id: MLC-USER-001
#   severity: severe
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7]
#   remediation: Fix the metadata please.
#   input_kinds: [terraform]
package user.bad

import rego.v1

deny contains "x" if false
"""


def test_invalid_policy_metadata_exits_2_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "bad.rego").write_text(BAD_POLICY)
    (tmp_path / "main.tf").write_text("")
    proc = run_cli("scan", tmp_path, "--policy-dir", tmp_path / "policies")
    assert proc.returncode == 2
    assert "bad.rego" in proc.stderr and "severity" in proc.stderr


def test_rules_json_lists_schema_fields_only() -> None:
    proc = run_cli("rules", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rules = json.loads(proc.stdout)
    allowed = set(schema()["properties"])
    assert rules and all(set(r) <= allowed for r in rules)
    assert {"MLC-AWS-S3-001", "MLC-AWS-S3-002", "MLC-AWS-S3-003"} <= {r["id"] for r in rules}


def test_profile_defaults_to_default_and_strict_is_kept() -> None:
    assert validate(GOOD, "policy.rego", formats.kinds(), "rego").profile == "default"
    meta = validate({**GOOD, "profile": "strict"}, "policy.rego", formats.kinds(), "rego")
    assert meta.profile == "strict" and meta.to_dict()["profile"] == "strict"

"""Every rule names the ATLAS techniques it helps prevent or detect, or says why none."""

from __future__ import annotations

import pytest

from scanner import formats
from scanner.atlas.catalog import load_catalog
from scanner.errors import FatalError
from scanner.metadata import RuleMeta, validate
from scanner.rulesets import RuleSet

GOOD = {
    "id": "MLC-TEST-001",
    "title": "A test rule",
    "severity": "high",
    "category": "supply-chain",
    "nist_ai_rmf": ["MEASURE 2.7"],
    "description": "A model file runs code.",
    "remediation": "Use safetensors.",
    "input_kinds": ["terraform"],
}


def _how_to_add(meta: RuleMeta) -> str:
    if meta.engine == "rego":
        where = f"in the `custom:` section of the `# METADATA` block of {meta.source}, add"
        return f'{where} `#   atlas: [AML.T0010.003]` or `#   atlas_none: "one-line reason"`'
    return f'in the rule class of {meta.source}, add `atlas = ("AML.T0010.003",)` or `atlas_none = "one-line reason"`'


def test_every_builtin_rule_maps_to_atlas_or_says_why_not(builtin_rules: RuleSet) -> None:
    missing = [m for m in builtin_rules.metas if not m.atlas and not m.atlas_none]
    assert not missing, (
        "rules without an ATLAS mapping (ids from scanner/atlas/techniques.json, "
        "https://atlas.mitre.org):\n" + "\n".join(f"{m.id}: {_how_to_add(m)}" for m in missing)
    )


def test_every_builtin_mapping_is_in_the_shipped_list(builtin_rules: RuleSet) -> None:
    known = load_catalog().techniques
    for m in builtin_rules.metas:
        assert all(t in known for t in m.atlas), m.id
        assert not (m.atlas and m.atlas_none), m.id
        assert len(set(m.atlas)) == len(m.atlas), m.id


def test_mappings_follow_the_issue_examples(builtin_rules: RuleSet) -> None:
    by_id = {m.id: m for m in builtin_rules.metas}
    assert "AML.T0010.003" in by_id["MLC-ARTIFACT-001"].atlas  # unsafe pickle: supply chain (model)
    assert "AML.T0020" in by_id["MLC-AWS-S3-005"].atlas  # bucket anyone can write: poisoning
    assert "AML.T0040" in by_id["MLC-K8S-KSERVE-001"].atlas  # open inference endpoint
    assert {"AML.T0012", "AML.T0055"} <= set(by_id["MLC-SECRET-AWS-001"].atlas)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"atlas": ["AML.T9999"]},
            "unknown MITRE ATLAS technique id(s) ['AML.T9999']; the shipped list is ATLAS 5.6.0",
        ),
        ({"atlas": ["T0010"]}, "atlas/0"),
        ({"atlas": ["AML.T0010"], "atlas_none": "nothing here to map"}, "declares both atlas and atlas_none"),
        ({"atlas_none": "short"}, "atlas_none"),
    ],
)
def test_invalid_atlas_metadata_names_the_source(change: dict, message: str) -> None:
    with pytest.raises(FatalError, match=r"policy\.rego") as info:
        validate({**GOOD, **change}, "policy.rego", formats.kinds(), "rego")
    assert message in str(info.value)


def test_unknown_id_is_rejected_for_trusted_rules_too() -> None:
    with pytest.raises(FatalError, match=r"AML\.T0010\.009"):
        validate({**GOOD, "atlas": ["AML.T0010.009"]}, "rules/x.py", formats.kinds(), "python", trusted=True)


def test_mapping_round_trips_through_metadata() -> None:
    meta = validate({**GOOD, "atlas": ["AML.T0010.003", "AML.T0011.000"]}, "p.rego", formats.kinds(), "rego")
    assert meta.atlas == ("AML.T0010.003", "AML.T0011.000")
    assert meta.to_dict()["atlas"] == ["AML.T0010.003", "AML.T0011.000"] and "atlas_none" not in meta.to_dict()
    none = validate({**GOOD, "atlas_none": "documentation only"}, "p.rego", formats.kinds(), "rego")
    assert none.atlas == () and none.to_dict()["atlas_none"] == "documentation only"

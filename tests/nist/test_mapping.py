from __future__ import annotations

import json

from scanner.nist.core import load_core
from scanner.nist.mapping import by_subcategory
from scanner.rulesets import RuleSet
from tests.conftest import run_cli


def test_every_builtin_rule_maps_to_existing_subcategories(builtin_rules: RuleSet) -> None:
    ids = {s.id for s in load_core().subcategories}
    assert builtin_rules.metas
    for meta in builtin_rules.metas:
        assert len(meta.nist_ai_rmf) >= 1, meta.id
        assert set(meta.nist_ai_rmf) <= ids, meta.id


def test_by_subcategory_lists_all_72_in_core_order(builtin_rules: RuleSet) -> None:
    rows = by_subcategory(builtin_rules.metas)
    assert [r["id"] for r in rows] == [s.id for s in load_core().subcategories]
    mapped = {m.id for r in rows for m in builtin_rules.metas if m.id in r["rules"]}
    assert mapped == {m.id for m in builtin_rules.metas}
    row = next(r for r in rows if r["id"] == "MEASURE 2.7")
    assert {"MLC-AWS-S3-001", "MLC-AWS-S3-002", "MLC-AWS-S3-003"} <= set(row["rules"])


def test_rules_nist_command_line() -> None:
    text = run_cli("rules", "--nist")
    assert text.returncode == 0, text.stderr
    lines = {line.split("  ")[0]: line for line in text.stdout.splitlines() if line[:1].isupper()}
    assert "MLC-AWS-S3-001" in lines["MEASURE 2.7"]
    assert "requires attestation" in lines["GOVERN 2.2"]
    as_json = run_cli("rules", "--nist", "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    rows = json.loads(as_json.stdout)
    assert len(rows) == 72
    assert {"MLC-AWS-S3-001", "MLC-AWS-S3-002"} <= set(next(r for r in rows if r["id"] == "MEASURE 2.10")["rules"])

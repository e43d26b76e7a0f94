"""`mlcomply rules` shows ATLAS ids: by technique (--atlas), in one rule's text and in JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli, write_files


def test_rules_by_technique_text_and_json() -> None:
    text = run_cli("rules", "--atlas")
    assert text.returncode == 0, text.stderr
    line = next(x for x in text.stdout.splitlines() if x.startswith("AML.T0010.003 "))
    assert "AI Supply Chain Compromise: Model" in line and "MLC-ARTIFACT-001" in line
    assert "ATLAS 5.6.0 techniques have at least one rule" in text.stdout
    doc = json.loads(run_cli("rules", "--atlas", "--format", "json", "--category", "secrets").stdout)
    assert doc["atlas_version"] == "5.6.0" and doc["unmapped"] == []
    valid = next(t for t in doc["techniques"] if t["id"] == "AML.T0012")
    assert valid["tactics"] == ["Initial Access", "Privilege Escalation"]
    assert "MLC-SECRET-AWS-001" in valid["rules"]
    unmapped = json.loads(run_cli("rules", "--atlas", "--format", "json", "--category", "model-documentation").stdout)
    assert unmapped["unmapped"] and all(len(u["reason"]) >= 10 for u in unmapped["unmapped"])


def test_nist_and_atlas_views_exclude_each_other() -> None:
    done = run_cli("rules", "--nist", "--atlas")
    assert done.returncode == 2 and "not allowed with argument --nist" in done.stderr


def test_one_rule_shows_its_techniques_or_why_none() -> None:
    shown = run_cli("rules", "MLC-ARTIFACT-001").stdout
    # one technique per line, the later ones under the first
    assert "mitre atlas  AML.T0010.003 AI Supply Chain Compromise: Model\n" in shown
    assert "\n               AML.T0011.000 User Execution: Unsafe AI Artifacts\n" in shown
    none = run_cli("rules", "MLC-CARD-LICENSE-001").stdout
    assert "mitre atlas  none: model documentation" in none
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    assert all(r.get("atlas") or r.get("atlas_none") for r in listed)


def test_a_users_rule_with_an_unknown_technique_exits_2_naming_it(tmp_path: Path) -> None:
    write_files(
        tmp_path / "policies",
        {
            "p.rego": "# METADATA\n# title: A user rule\n# description: Something about buckets.\n# custom:\n"
            "#   id: MLC-ACME-001\n#   severity: low\n#   category: logging\n#   nist_ai_rmf: [MEASURE 2.8]\n"
            "#   atlas: [AML.T0099.123]\n#   remediation: Do the right thing.\n#   input_kinds: [terraform]\n"
            "package acme.p\n\nimport rego.v1\n\ndeny contains x if {\n\tx := input.nothing\n}\n"
        },
    )
    done = run_cli("rules", "--policy-dir", tmp_path / "policies")
    assert done.returncode == 2
    assert "p.rego" in done.stderr and "unknown MITRE ATLAS technique id(s) ['AML.T0099.123']" in done.stderr

"""End to end: values that cannot be known statically never produce a finding of the cloud
rule pack, while the same configuration with known insecure values produces many."""

from __future__ import annotations

from pathlib import Path

from scanner.rulesets import RuleSet
from scanner.scan import scan
from tests.conftest import REPO_ROOT, write_files

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "rego_pack" / "unknown_values" / "main.tf"
PACK = ("MLC-AWS-", "MLC-GCP-", "MLC-AZURE-", "MLC-DATABRICKS-")


def _pack_findings(root: Path, rules: RuleSet) -> list[tuple[str, str | None]]:
    result = scan([root], rules)
    assert [e for e in result.errors if e.kind != "skipped"] == []
    return sorted((f.rule_id, f.address) for f in result.findings if f.rule_id.startswith(PACK))


def test_unknown_values_are_never_reported(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"main.tf": FIXTURE.read_text(encoding="utf-8")})
    assert _pack_findings(tmp_path, builtin_rules) == []


def test_same_configuration_with_known_values_is_reported(tmp_path: Path, builtin_rules: RuleSet) -> None:
    known = FIXTURE.read_text(encoding="utf-8").replace("var.b", "false").replace("var.s", '"Enabled"')
    write_files(tmp_path, {"main.tf": known})
    fired = {rule for rule, _ in _pack_findings(tmp_path, builtin_rules)}
    assert len(fired) >= 20, sorted(fired)

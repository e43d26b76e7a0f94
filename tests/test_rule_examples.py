"""Every rule's good and bad examples (the `<rule>.yaml` beside it), scanned end to end.

A bad example must produce the rule's findings at exactly the `expect`ed addresses or
pointers; a good example must produce none of that rule's findings. Optional per case:
`git: true` commits the files into a real git repository first; `options:` are rule options
as in the user's config (`rule_options`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner.rulesets import RuleSet
from scanner.scan import scan
from tests.conftest import REPO_ROOT, init_repo, write_files

EXAMPLE_DIRS = (REPO_ROOT / "rego", REPO_ROOT / "rules")


def example_files() -> list[Path]:
    out = []
    for d in EXAMPLE_DIRS:
        for p in sorted(d.rglob("*.yaml")):
            head = p.read_text(encoding="utf-8")
            if "\nrule:" in "\n" + head and ("\nbad:" in head or "\ngood:" in head):
                out.append(p)
    return out


def cases() -> list[Any]:
    params = []
    for path in example_files():
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for polarity in ("bad", "good"):
            for i, case in enumerate(spec.get(polarity) or []):
                label = f"{spec['rule']}-{polarity}-{i}-{case.get('name', '')}"
                params.append(pytest.param(spec["rule"], polarity, case, id=label))
    return params


def test_every_rule_has_good_and_bad_examples(builtin_rules: RuleSet) -> None:
    covered: dict[str, set[str]] = {}
    for path in example_files():
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        covered.setdefault(spec["rule"], set()).update(k for k in ("bad", "good") if spec.get(k))
    missing = [m.id for m in builtin_rules.metas if covered.get(m.id) != {"bad", "good"}]
    assert missing == [], f"rules without both good and bad examples: {missing}"


@pytest.mark.parametrize(("rule_id", "polarity", "case"), cases())
def test_example(rule_id: str, polarity: str, case: dict[str, Any], tmp_path: Path, builtin_rules: RuleSet) -> None:
    if case.get("git"):
        init_repo(tmp_path, case["files"])
    else:
        write_files(tmp_path, case["files"])
    result = scan([tmp_path], builtin_rules, rule_options=case.get("options"))
    hard_errors = [e for e in result.errors if e.kind != "skipped" and not case.get("errors_expected")]
    assert hard_errors == [], f"example does not load cleanly: {hard_errors}"
    got = sorted(f.address or f.pointer or f"{f.path}:{f.start_line}" for f in result.findings if f.rule_id == rule_id)
    if polarity == "bad":
        assert got == sorted(case["expect"]), f"{case.get('name')}: expected {case['expect']}, got {got}"
    else:
        assert got == [], f"{case.get('name')}: good example produced {got}"

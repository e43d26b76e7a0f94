"""The failing and passing fixture repositories of the NIST report tests, scanned for real."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.writers.json_out import to_json
from tests.conftest import REPO_ROOT, init_repo

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "nist"


def fixture_files(name: str) -> dict[str, str | bytes]:
    root = FIXTURES / name
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file()}


def fixture_repo(name: str, tmp: Path) -> Path:
    """`failing`: insecure S3 Terraform (MEASURE 2.7 fails); `passing`: the same, secured."""
    return init_repo(tmp / name, fixture_files(name))


def fixture_results(name: str, tmp: Path, rules: RuleSet) -> dict[str, Any]:
    return to_json(scan([fixture_repo(name, tmp)], rules))


def subcategory(doc: dict[str, Any], sub_id: str) -> dict[str, Any]:
    return next(s for s in doc["subcategories"] if s["id"] == sub_id)


def suppress_all(results: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(results)
    for f in out["findings"]:
        f["suppression"] = {
            "kind": "inline",
            "justification": "accepted risk: test data",
            "source": "main.tf",
        }
    return out

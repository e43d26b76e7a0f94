"""Shape of the built-in Rego pack: every rule has its unit tests beside it (including the
unknown-value case for Terraform rules), sits in the folder its id names, and maps checkov ids
that look like checkov's; every library package has tests of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scanner.engines.rego_metadata import RegoFile, parse_rego_file
from tests.conftest import REPO_ROOT

REGO = REPO_ROOT / "rego"
_CHECKOV_ID = re.compile(r"^CKV2?_[A-Z0-9]+_[0-9]+$")


def _policies() -> list[tuple[Path, RegoFile]]:
    out = []
    for path in sorted(REGO.rglob("*.rego")):
        if not path.name.endswith("_test.rego"):
            out.append((path, parse_rego_file(str(path), path.read_text(encoding="utf-8"))))
    return out


POLICIES = _policies()
RULES = [(p, f) for p, f in POLICIES if not f.is_library]
# The cloud infrastructure pack names its ids after its folders (rego/aws/s3 -> MLC-AWS-S3-...).
CLOUD_RULES = [(p, f) for p, f in RULES if p.relative_to(REGO).parts[0] in ("aws", "gcp", "azure", "databricks")]
LIBRARIES = [(p, f) for p, f in POLICIES if f.is_library]


def _label(item: tuple[Path, RegoFile]) -> str:
    return item[0].relative_to(REGO).as_posix()


def _tests_of(path: Path) -> tuple[str, ...]:
    test_file = path.with_name(path.stem + "_test.rego")
    assert test_file.is_file(), f"rego/{path.relative_to(REGO)} has no {test_file.name} beside it"
    return parse_rego_file(str(test_file), test_file.read_text(encoding="utf-8")).test_rules


@pytest.mark.parametrize("item", RULES, ids=_label)
def test_rule_has_tests_including_unknown_values(item: tuple[Path, RegoFile]) -> None:
    path, parsed = item
    tests = _tests_of(path)
    assert len(tests) >= 2, "need at least a failing and a passing case"
    if "terraform" in parsed.raw_metadata().get("input_kinds", []):
        assert any("unknown" in t for t in tests), "no test_*unknown* case: unknown values must pass"


@pytest.mark.parametrize("item", CLOUD_RULES, ids=_label)
def test_rule_lives_in_the_folder_its_id_names(item: tuple[Path, RegoFile]) -> None:
    path, parsed = item
    rule_id = parsed.raw_metadata()["id"]
    folder = path.parent.relative_to(REGO).as_posix().replace("/", "-").upper()
    assert rule_id.startswith(f"MLC-{folder}-"), f"{rule_id} in rego/{path.parent.relative_to(REGO)}"


@pytest.mark.parametrize("item", RULES, ids=_label)
def test_checkov_ids_are_well_formed(item: tuple[Path, RegoFile]) -> None:
    ids = item[1].raw_metadata().get("checkov_ids") or []
    assert [i for i in ids if not _CHECKOV_ID.match(i)] == []
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("item", LIBRARIES, ids=_label)
def test_library_has_tests(item: tuple[Path, RegoFile]) -> None:
    assert _tests_of(item[0])

from __future__ import annotations

import json
from collections import Counter

from scanner.nist.core import EVIDENCE_LEVELS, load_core
from tests.conftest import REFERENCE, REPO_ROOT

PACKAGE_NIST = REPO_ROOT / "scanner" / "nist"


def test_core_has_every_function_category_and_subcategory() -> None:
    core = load_core()
    raw = json.loads((PACKAGE_NIST / "ai-rmf-1.0.json").read_text(encoding="utf-8"))
    assert [f.id for f in core.functions] == ["GOVERN", "MAP", "MEASURE", "MANAGE"]
    assert sum(len(f.categories) for f in core.functions) == raw["counts"]["categories"] == 19
    assert len(core.subcategories) == raw["counts"]["subcategories"] == 72
    assert len({s.id for s in core.subcategories}) == 72
    for fn in core.functions:
        counts = raw["counts"]["by_function"][fn.id]
        assert len(fn.categories) == counts["categories"]
        assert sum(len(c.subcategories) for c in fn.categories) == counts["subcategories"]
        assert [c.number for c in fn.categories] == list(range(1, len(fn.categories) + 1))


def test_shipped_core_is_the_reference_copy() -> None:
    shipped = json.loads((PACKAGE_NIST / "ai-rmf-1.0.json").read_text(encoding="utf-8"))
    reference = json.loads((REFERENCE / "nist-ai-rmf-1.0.json").read_text(encoding="utf-8"))
    assert shipped == reference


def test_static_evidence_levels_match_the_mapping_notes() -> None:
    reference = json.loads((REFERENCE / "nist-ai-rmf-mapping-suggested.json").read_text(encoding="utf-8"))
    expected = {s["id"]: s["static_evidence"] for s in reference["subcategories"]}
    got = {s.id: s.evidence for s in load_core().subcategories}
    assert got == expected
    assert Counter(got.values()) == Counter(reference["counts"])
    assert set(got.values()) <= set(EVIDENCE_LEVELS)


def test_attestation_subcategories_are_the_ten_without_static_signal() -> None:
    attestation = [s.id for s in load_core().subcategories if s.attestation]
    assert attestation == [
        "GOVERN 2.2",
        "GOVERN 2.3",
        "GOVERN 3.1",
        "MAP 3.4",
        "MEASURE 2.2",
        "MEASURE 2.13",
        "MEASURE 3.2",
        "MEASURE 4.1",
        "MEASURE 4.2",
        "MANAGE 2.1",
    ]


def test_each_characteristic_is_evaluated_by_an_existing_subcategory() -> None:
    core = load_core()
    ids = {s.id for s in core.subcategories}
    assert len(core.characteristics) == 7
    assert all(c.subcategory in ids for c in core.characteristics)
    assert core.subcategory("MEASURE 2.7").label == "Security and resilience"

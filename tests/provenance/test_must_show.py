"""Issue 6 must-shows: the reference record passes Level 1; each broken copy fails exactly the
check it breaks; the same record as Turtle and JSON-LD gives the same findings as PROV-JSON."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from prov.model import ProvDocument

from scanner.rulesets import RuleSet
from scanner.scan import scan
from tests.conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "tests" / "fixtures" / "provenance" / "example-model.prov.json"
REQUIRED = {
    "C1": "MLC-PROV-MODEL-001",
    "C2": "MLC-PROV-GEN-001",
    "C3": "MLC-PROV-TIME-001",
    "C4": "MLC-PROV-DATA-001",
    "C5": "MLC-PROV-AGENT-001",
    "C6": "MLC-PROV-CODE-001",
    "C7": "MLC-PROV-ENV-001",
    "C12": "MLC-PROV-REF-001",
}
Record = dict[str, Any]


def base() -> Record:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _set(section: str, rid: str, attr: str, value: Any) -> Callable[[Record], None]:
    def apply(d: Record) -> None:
        if value is None:
            del d[section][rid][attr]
        else:
            d[section][rid][attr] = value

    return apply


def _drop_env_digests(d: Record) -> None:
    for attr in ("mlp:digest", "mlp:lockfileDigest"):
        del d["entity"]["ex:env/train-image"][attr]


BREAKS: dict[str, list[tuple[str, Callable[[Record], None]]]] = {
    "C1": [
        ("model digest removed", _set("entity", "ex:model/churn-clf-v3", "mlp:digest", None)),
        ("model location removed", _set("entity", "ex:model/churn-clf-v3", "prov:location", None)),
        ("model digest weak", _set("entity", "ex:model/churn-clf-v3", "mlp:digest", "sha1:" + "a" * 40)),
    ],
    "C2": [("generation removed", lambda d: d.pop("wasGeneratedBy"))],
    "C3": [
        (
            "end before start",
            _set("activity", "ex:run/5f1c2a9e", "prov:endTime", "2026-01-05T09:00:00+00:00"),
        ),
        (
            "start without time zone",
            _set("activity", "ex:run/5f1c2a9e", "prov:startTime", "2026-01-05T10:00:00"),
        ),
    ],
    "C4": [
        ("training data digest removed", _set("entity", "ex:data/train-v7", "mlp:digest", None)),
        ("training usage removed", lambda d: d["used"].pop("_:u1")),
    ],
    "C5": [("delegation of the CI runner removed", lambda d: d["actedOnBehalfOf"].pop("_:d1"))],
    "C6": [
        ("dirty tree", _set("entity", "ex:code/train-py", "mlp:vcsDirty", True)),
        ("short commit", _set("entity", "ex:code/train-py", "mlp:vcsCommit", "3ab8d2a")),
    ],
    "C7": [("environment digests removed", _drop_env_digests)],
    "C12": [("usage of an undeclared entity", lambda d: d["used"]["_:u2"].update({"prov:entity": "ex:data/gone"}))],
}
# prov's RDF export goes through rdflib's Dataset serializers, which use their own deprecated API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
CASES = [pytest.param(check, fn, id=f"{check}-{name}") for check, fns in BREAKS.items() for name, fn in fns]


def findings(tmp_path: Path, rules: RuleSet, name: str, text: str) -> set[tuple[str, str | None, str]]:
    root = tmp_path / name.replace(".", "_")
    root.mkdir()
    (root / name).write_text(text, encoding="utf-8")
    result = scan([root], rules)
    assert [e for e in result.errors if e.kind != "skipped"] == []
    return {(f.rule_id, f.address, f.message) for f in result.findings if f.category == "provenance"}


def as_rdf(record: Record, rdf_format: str) -> str:
    doc = ProvDocument.deserialize(content=json.dumps(record), format="json")
    return doc.serialize(format="rdf", rdf_format=rdf_format)


def failed_required(found: set[tuple[str, str | None, str]]) -> set[str]:
    ids = {rule for rule, _, _ in found}
    return {check for check, rule in REQUIRED.items() if rule in ids}


def test_reference_record_passes_every_required_check(tmp_path: Path, builtin_rules: RuleSet) -> None:
    found = findings(tmp_path, builtin_rules, "model.prov.json", EXAMPLE.read_text(encoding="utf-8"))
    assert failed_required(found) == set()
    # The md5 of the training data is reported as a pass with a weak digest, never a failure.
    assert {rule for rule, _, _ in found} == {"MLC-PROV-DATA-002"}


@pytest.mark.parametrize(("check", "breaker"), CASES)
def test_each_broken_copy_fails_exactly_its_check(
    check: str, breaker: Callable[[Record], None], tmp_path: Path, builtin_rules: RuleSet
) -> None:
    record = base()
    breaker(record)
    found = findings(tmp_path, builtin_rules, "model.prov.json", json.dumps(record, indent=1))
    assert failed_required(found) == {check}


@pytest.mark.parametrize(
    ("check", "breaker"),
    [pytest.param(None, lambda d: None, id="reference"), *CASES],
)
def test_turtle_json_ld_and_rdf_xml_give_the_same_findings(
    check: str | None, breaker: Callable[[Record], None], tmp_path: Path, builtin_rules: RuleSet
) -> None:
    record = copy.deepcopy(base())
    breaker(record)
    from_json = findings(tmp_path, builtin_rules, "model.prov.json", json.dumps(record, indent=1))
    assert from_json, "the reference record always yields its weak-digest finding"
    assert findings(tmp_path, builtin_rules, "model.ttl", as_rdf(record, "turtle")) == from_json
    assert findings(tmp_path, builtin_rules, "model.jsonld", as_rdf(record, "json-ld")) == from_json
    assert findings(tmp_path, builtin_rules, "model.rdf", as_rdf(record, "xml")) == from_json


def test_findings_carry_their_check_and_level(tmp_path: Path, builtin_rules: RuleSet) -> None:
    record = base()
    del record["wasAttributedTo"]
    _set("entity", "ex:code/train-py", "mlp:vcsDirty", True)(record)
    (tmp_path / "model.prov.json").write_text(json.dumps(record), encoding="utf-8")
    props = {
        f.rule_id: dict(f.properties) for f in scan([tmp_path], builtin_rules).findings if f.category == "provenance"
    }
    assert props["MLC-PROV-CODE-001"] == {"prov-check": "C6", "prov-level": 1}
    assert props["MLC-PROV-ATTRIB-001"] == {"prov-check": "C9", "prov-level": 2}

"""Batched Rego evaluation (RegoEngine.evaluate_many) gives exactly what one evaluation per
document gives: the same hits in the same order and the same scan errors, with rules that fail
on some documents, rules undefined on some, documents too deep for the engine and runs of
documents with different rules."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from scanner import formats
from scanner.documents import Document, ScanError
from scanner.engines import rego
from scanner.engines.rego import RegoEngine, RegoRule, input_json
from tests.conftest import REPO_ROOT


def _meta(rule_id: str, kinds: str = "terraform") -> str:
    return f"""# METADATA
# title: Test rule {rule_id}
# description: A user policy used by the tests.
# custom:
#   id: {rule_id}
#   severity: medium
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7]
#   remediation: Change the test configuration.
#   input_kinds: [{kinds}]
"""


POLICIES = {
    # an index over the resources, so that a batch must build it per document
    "forbidden.rego": _meta("MLC-USER-001")
    + """package user.forbidden

import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some b in terraform.resources("aws_s3_bucket")
	b.config.bucket == "forbidden"
	res := result.resource(sprintf("bucket %s is forbidden", [b.address]), b)
}
""",
    # fails (division of a string) on documents whose bucket is named boom-*
    "raises.rego": _meta("MLC-USER-002")
    + """package user.raises

import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some b in terraform.resources("aws_s3_bucket")
	startswith(b.config.bucket, "boom")
	x := b.config.size / 2
	x > 0
	res := result.resource("big", b)
}
""",
    # a complete rule, undefined when the document has no flag
    "flagged.rego": _meta("MLC-USER-003")
    + """package user.flagged

import rego.v1

deny := ["flagged document"] if input.content.flag == true

deny := [] if input.content.flag == false
""",
    "yaml.rego": _meta("MLC-USER-004", "yaml")
    + """package user.yaml_kind

import rego.v1

deny contains "yaml with a name" if input.content.name
""",
}


def _deep(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = {"a": value}
    return value


BOOM = {2, 95}  # a rule fails on these
DEEP = {50}  # beyond the engine's 128 levels
UNDEFINED = {7, 70}  # the complete rule is undefined on these


def _doc(i: int) -> Document:
    """Document i of a varied run: terraform mostly, some YAML; fine, forbidden, failing,
    flagged, undefined for a rule, too deep, or empty."""
    if i % 11 == 5:
        return Document(kind="yaml", path=f"y{i}.yaml", data={"name": f"n{i}"} if i % 2 else {})
    bucket = f"boom-{i}" if i in BOOM else ("forbidden" if i % 3 == 1 else "fine")
    resources = [
        {
            "address": f"aws_s3_bucket.b{k}",
            "type": "aws_s3_bucket",
            "mode": "managed",
            "config": {"bucket": bucket, "size": "s"},
        }
        for k in range(1 + i % 3)
    ]
    data: dict[str, Any] = {"resources": [] if i % 13 == 12 else resources, "providers": {}}
    if i not in UNDEFINED:
        data["flag"] = i % 4 == 0
    if i in DEEP:
        data["deep"] = _deep(140)
    return Document(kind="terraform", path=f"stacks/s{i:03d}", data=data)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> RegoEngine:
    folder = tmp_path_factory.mktemp("policies")
    for name, text in POLICIES.items():
        (folder / name).write_text(text)
    return RegoEngine([REPO_ROOT / "rego" / "lib", folder], formats.kinds())


def _rules_for(engine: RegoEngine) -> Any:
    def rules_for(doc: Document) -> Sequence[RegoRule]:
        return [r for r in engine.rules if doc.kind in r.meta.input_kinds]

    return rules_for


def _results(hits: Any) -> list[tuple[str, str, str | None]]:
    return [(r.meta.id, h.message, h.address) for r, h in hits]


def test_batched_equals_one_evaluation_per_document(engine: RegoEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [_doc(i) for i in range(120)]
    rules_for = _rules_for(engine)
    ref_errors: list[ScanError] = []
    reference = [_results(engine.evaluate(d, rules_for(d), ref_errors)) for d in docs]

    answered: list[int] = []
    eval_batch = engine.backend.eval_batch  # type: ignore[attr-defined]

    def spy(inputs: Sequence[Any], rules: Sequence[str]) -> dict[int, list[Any]]:
        out = eval_batch(inputs, rules)
        answered.append(len(out))
        return out

    monkeypatch.setattr(engine.backend, "eval_batch", spy)
    errors: list[ScanError] = []
    batched = [_results(hits) for hits in engine.evaluate_many(docs, rules_for, errors)]
    assert batched == reference
    assert errors == ref_errors
    # The cases were all there: hits, failures, undefined rules, a document too deep...
    assert {e.kind for e in errors} == {"engine", "limit"}
    assert any(("MLC-USER-003", "flagged document", None) in r for r in reference)
    assert any(r and r[0][0] == "MLC-USER-004" for r in reference)
    # ...and most documents were answered by batches, not one by one.
    assert sum(answered) > len(docs) // 2, answered


def test_batch_size_one_is_per_document(engine: RegoEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [_doc(i) for i in range(20)]
    rules_for = _rules_for(engine)
    big: list[ScanError] = []
    batched = [_results(h) for h in engine.evaluate_many(docs, rules_for, big)]
    monkeypatch.setattr(rego, "BATCH_SIZE", 1)
    calls: list[int] = []
    monkeypatch.setattr(engine.backend, "eval_batch", lambda inputs, rules: calls.append(1) or {})
    single: list[ScanError] = []
    assert [_results(h) for h in engine.evaluate_many(docs, rules_for, single)] == batched
    assert single == big and calls == []


def test_backend_without_batches_goes_one_by_one(tmp_path: Path) -> None:
    """A backend without eval_batch (an OPA server) is asked one document at a time."""

    class Plain:
        def __init__(self) -> None:
            self.inner = rego.RegorusBackend()
            self.inputs = 0

        def add_policy(self, path: str, text: str) -> None:
            self.inner.add_policy(path, text)

        def set_input(self, value: Any) -> None:
            self.inputs += 1
            self.inner.set_input(value)

        def eval_rule(self, rule: str) -> Any:
            return self.inner.eval_rule(rule)

        def eval_rules(self, rules: Sequence[str]) -> list[Any]:
            return self.inner.eval_rules(rules)

    (tmp_path / "forbidden.rego").write_text(POLICIES["forbidden.rego"])
    backend = Plain()
    eng = RegoEngine([REPO_ROOT / "rego" / "lib", tmp_path], formats.kinds(), backend)
    docs = [_doc(i) for i in (0, 1, 4)]
    got = [_results(h) for h in eng.evaluate_many(docs, lambda d: eng.rules, [])]
    assert [len(r) for r in got] == [0, 2, 2] and backend.inputs == 3


@pytest.mark.parametrize(
    "value",
    [
        {"resources": [{"address": "aws_s3_bucket.b", "tags": {"team": "ml"}, "n": 1.5, "ok": True, "x": None}]},
        {"text": "caf\u00e9 \u2603 \U0001f600"},
        {"big": 10**30},  # beyond 64 bits: orjson refuses it
        {"surrogate": "\udce9"},  # an undecodable file name's lone surrogate: orjson refuses it
        {1: "a non-string key"},
    ],
)
def test_the_engine_input_is_the_same_json_value(value: object) -> None:
    # The input text comes from orjson where it can encode the value, else the standard
    # library, as before: the value the engine reads is the same either way.
    assert json.loads(input_json(value)) == json.loads(json.dumps(value))

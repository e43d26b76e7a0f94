"""C14 in detail: what an evaluation is, and when card and record metrics can be compared."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from scanner.provenance import evaluation, prov_json
from scanner.provenance.graph import View
from tests.provenance.test_must_show import complete_plus

EX = "https://example.org/ml/"
METRICS = EX + "metrics/eval-1"


def view(mutate: Any = None) -> View:
    record = complete_plus()
    if mutate:
        mutate(record)
    graph, _ = prov_json.read(record)
    return View(graph.to_data())


def card(*results: dict[str, Any]) -> list[evaluation.CardMetric]:
    return evaluation.card_metrics("models/README.md", {"model-index": [{"name": "churn", "results": list(results)}]})


def result(value: Any, metric: str = "f1", dataset: dict[str, Any] | None = None) -> dict[str, Any]:
    ds = dataset if dataset is not None else {"type": "acme/churn", "name": "data/prepared/test", "split": "test"}
    return {"task": {"type": "text-classification"}, "dataset": ds, "metrics": [{"type": metric, "value": value}]}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("0.912", "0.912", True),
        ("0.91", "0.9134", True),  # the card rounds to two places
        ("0.92", "0.9134", False),
        ("0.9125", "0.913", True),  # half-way rounds either way
        ("91", "91.4", True),
        ("91.2", "0.912", False),  # no scale conversion
        ("0.91234", "0.912", True),  # the record is the coarser one
        ("0.914", "0.912", False),
        ("1e-999999999", "0.5", False),
        ("1e-999999999", "2e-999999999", True),  # equal at 100 places, the most compared
        ("1e308", "-1e308", False),
    ],
)
def test_values_agree_at_the_coarser_precision(a: str, b: str, same: bool) -> None:
    assert evaluation.agree(Decimal(a), Decimal(b)) is same
    assert evaluation.agree(Decimal(b), Decimal(a)) is same


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0.912, "0.912"),
        (3, "3"),
        (" 0.5 ", "0.5"),
        ("1e-3", "0.001"),
        (True, None),
        ("91%", None),
        ("nan", None),
        ("1e999999999", None),
    ],
)
def test_number(raw: Any, expected: str | None) -> None:
    got = evaluation.number(raw)
    assert (None if got is None else got.normalize()) == (None if expected is None else Decimal(expected).normalize())


def test_consistent_card_gives_nothing() -> None:
    assert evaluation.c14_evaluation(view(), card(result(0.91), result("0.934", "accuracy"))) == []


def test_card_metric_that_disagrees_is_reported_at_the_metrics_entity() -> None:
    [gap] = evaluation.c14_evaluation(view(), card(result(0.95), result(0.934, "Accuracy")))
    assert gap.address == METRICS
    assert gap.message == (
        f"metrics {METRICS}: f1 is 0.912 here but 0.95 in models/README.md (model-index, dataset acme/churn)"
    )


@pytest.mark.parametrize(
    "cards",
    [
        pytest.param(card(result(0.5, dataset={"type": "glue", "name": "sst2"})), id="other dataset"),
        pytest.param(card(result(0.5, metric="roc_auc")), id="metric not recorded"),
        pytest.param(card(result("n/a")), id="value not a number"),
        pytest.param(card(result(0.5), result(0.7)), id="card gives f1 twice with two values"),
        pytest.param(card({"dataset": "acme/churn", "metrics": [{"type": "f1", "value": 0.5}]}), id="malformed"),
    ],
)
def test_values_that_cannot_be_compared_are_not_reported(cards: list[evaluation.CardMetric]) -> None:
    assert evaluation.c14_evaluation(view(), cards) == []


def test_record_value_given_twice_is_not_compared() -> None:
    def two(d: dict[str, Any]) -> None:
        d["entity"]["ex:metrics/eval-1"]["mlp:f1"] = [0.912, 0.5]

    assert evaluation.c14_evaluation(view(two), card(result(0.95))) == []


def test_dataset_matched_by_revision() -> None:
    def pinned(d: dict[str, Any]) -> None:
        d["entity"]["ex:data/test-v7"]["mlp:revision"] = "5503434ddd753f426f4b38109466949a1217c2bb"

    ds = {"type": "x/y", "name": "Churn (v7)", "revision": "5503434ddd753f426f4b38109466949a1217c2bb"}
    assert [g.address for g in evaluation.c14_evaluation(view(pinned), card(result(0.1, dataset=ds)))] == [METRICS]
    assert evaluation.c14_evaluation(view(), card(result(0.1, dataset=ds))) == []


def test_fine_tuning_from_the_model_is_not_an_evaluation() -> None:
    def as_base(d: dict[str, Any]) -> None:
        d["used"]["_:e1"]["prov:role"] = {"$": "mlp:baseModel", "type": "prov:QUALIFIED_NAME"}

    [gap] = evaluation.c14_evaluation(view(as_base))
    assert gap.address == EX + "model/churn-clf-v3"
    assert "not evaluated" in gap.message


def test_other_uses_of_the_model_are_not_evaluations() -> None:
    def quantized(d: dict[str, Any]) -> None:
        d["activity"]["ex:quantize/1"] = {}
        d["entity"]["ex:model/int8"] = {}
        d["used"]["_:q1"] = {"prov:activity": "ex:quantize/1", "prov:entity": "ex:model/churn-clf-v3"}
        d["wasGeneratedBy"]["_:q2"] = {"prov:entity": "ex:model/int8", "prov:activity": "ex:quantize/1"}

    assert evaluation.evaluations(view(quantized), EX + "model/churn-clf-v3") == [EX + "eval/1"]
    [gap] = evaluation.c14_evaluation(view(lambda d: (quantized(d), d["used"].pop("_:e1"))))
    assert gap.address == EX + "model/churn-clf-v3"
    assert "not evaluated" in gap.message


def test_one_complete_evaluation_is_enough() -> None:
    def second(d: dict[str, Any]) -> None:
        d["activity"]["ex:eval/2"] = {"prov:type": {"$": "mlp:Evaluation", "type": "prov:QUALIFIED_NAME"}}
        d["used"]["_:e9"] = {"prov:activity": "ex:eval/2", "prov:entity": "ex:model/churn-clf-v3"}

    assert evaluation.c14_evaluation(view(second)) == []

    def only_incomplete(d: dict[str, Any]) -> None:
        second(d)
        del d["wasGeneratedBy"]["_:g2"]

    gaps = evaluation.c14_evaluation(view(only_incomplete))
    assert [g.address for g in gaps] == [EX + "eval/1", EX + "eval/2"]
    assert gaps[1].message == (
        f"evaluation {EX}eval/2 of {EX}model/churn-clf-v3: used no test dataset (role testData); "
        "generated no metrics entity (prov:type Metrics)"
    )

"""Check details beyond the must-shows: delegation chains, time windows, record-level gaps."""

from __future__ import annotations

import json
from typing import Any

from scanner.provenance import completeness as c
from scanner.provenance import prov_json
from scanner.provenance.graph import View
from tests.conftest import REPO_ROOT

EX = "https://example.org/ml/"


def view(mutate: Any = None) -> View:
    record = json.loads((REPO_ROOT / "tests/fixtures/provenance/example-model.prov.json").read_text())
    if mutate:
        mutate(record)
    graph, _ = prov_json.read(record)
    return View(graph.to_data())


def test_delegation_chain_of_any_length_and_cycles_terminate() -> None:
    def cycle(d: dict) -> None:
        d["agent"]["ex:agent/bot2"] = {"prov:type": {"$": "prov:SoftwareAgent", "type": "prov:QUALIFIED_NAME"}}
        d["actedOnBehalfOf"] = {
            "_:x": {"prov:delegate": "ex:agent/ci-runner", "prov:responsible": "ex:agent/bot2"},
            "_:y": {"prov:delegate": "ex:agent/bot2", "prov:responsible": "ex:agent/ci-runner"},
        }

    assert [g.address for g in c.c5_accountable_agent(view(cycle))] == [EX + "agent/ci-runner"]

    def chain(d: dict) -> None:
        cycle(d)
        d["actedOnBehalfOf"]["_:z"] = {"prov:delegate": "ex:agent/bot2", "prov:responsible": "ex:agent/acme"}

    assert c.c5_accountable_agent(view(chain)) == []


def test_usage_time_outside_the_run() -> None:
    def late(d: dict) -> None:
        d["used"]["_:u1"]["prov:time"] = "2026-01-05T12:00:00Z"

    [gap] = c.c3_run_times(view(late))
    assert gap.address == EX + "run/5f1c2a9e"
    assert (
        "usage of https://example.org/ml/data/train-v7 at 2026-01-05T12:00:00+00:00 is outside the run" in gap.message
    )


def test_two_start_times_violate_unique_start() -> None:
    def two(d: dict) -> None:
        d["activity"]["ex:run/5f1c2a9e"]["prov:startTime"] = ["2026-01-05T10:00:00Z", "2026-01-05T10:05:00Z"]

    [gap] = c.c3_run_times(view(two))
    assert "2 different start times" in gap.message


def test_plan_of_the_association_counts_as_code() -> None:
    def only_plan(d: dict) -> None:
        del d["used"]["_:u4"]

    assert c.c6_code_pinned(view(only_plan)) == []
    assert c.code_entities(view(only_plan), EX + "run/5f1c2a9e") == [EX + "code/train-py"]


def test_attribution_gap_says_what_is_inferable() -> None:
    [gap] = c.c9_attribution(view(lambda d: d.pop("wasAttributedTo")))
    assert gap.message.endswith("only inferable from the association with https://example.org/ml/agent/ci-runner")


def test_a_model_used_by_its_evaluation_is_still_assessed() -> None:
    def evaluated(d: dict) -> None:
        d["activity"]["ex:eval/1"] = {"prov:type": {"$": "mlp:Evaluation", "type": "prov:QUALIFIED_NAME"}}
        d["used"]["_:e1"] = {"prov:activity": "ex:eval/1", "prov:entity": "ex:model/churn-clf-v3"}

    assert c.models(view(evaluated)) == [EX + "model/churn-clf-v3"]
    assert c.failed_required(view(evaluated)) == []


def test_reference_record_level_one() -> None:
    assert c.failed_required(view()) == []

"""C13 in detail: depth, chains through preprocessing, cycles, what counts as an external source."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from scanner.provenance import lineage, prov_json, rdf
from scanner.provenance.graph import View
from tests.conftest import REPO_ROOT

EX = "https://example.org/ml/"
Q = "prov:QUALIFIED_NAME"


def view(mutate: Callable[[dict[str, Any]], None] | None = None) -> View:
    record = json.loads((REPO_ROOT / "tests/fixtures/provenance/example-model.prov.json").read_text())
    if mutate:
        mutate(record)
    graph, _ = prov_json.read(record)
    return View(graph.to_data())


def source(d: dict[str, Any], of: str, sid: str = "ex:src", **attrs: Any) -> None:
    d["entity"][sid] = {"prov:location": "https://data.example.org/raw.parquet", "mlp:license": "cc-by-4.0", **attrs}
    d.setdefault("wasDerivedFrom", {})[f"_:ps-{of}-{sid}"] = {
        "prov:generatedEntity": of,
        "prov:usedEntity": sid,
        "prov:type": {"$": "prov:PrimarySource", "type": Q},
    }


def step(d: dict[str, Any], made: str, act: str, used: str) -> None:
    """`act` generated `made` from `used` (a declared dataset)."""
    d["activity"][act] = {"prov:type": {"$": "mlp:Preprocessing", "type": Q}}
    d["entity"].setdefault(used, {"prov:type": {"$": "mlp:Dataset", "type": Q}})
    d["used"][f"_:u-{act}"] = {"prov:activity": act, "prov:entity": used}
    d["wasGeneratedBy"][f"_:g-{act}"] = {"prov:entity": made, "prov:activity": act}


def chain(d: dict[str, Any]) -> None:
    """train-v7 <- prep/1 <- data/clean <- prep/0 <- data/raw (no lineage of its own)."""
    step(d, "ex:data/train-v7", "ex:prep/1", "ex:data/clean")
    step(d, "ex:data/clean", "ex:prep/0", "ex:data/raw")


def addresses(v: View, depth: int = lineage.DEFAULT_DEPTH) -> list[str | None]:
    return [g.address for g in lineage.c13_upstream_lineage(v, depth)]


@pytest.mark.parametrize(
    ("depth", "expected"),
    [(1, []), (2, []), (3, [EX + "data/raw"]), (10, [EX + "data/raw"])],
)
def test_depth_bounds_how_far_upstream_the_check_looks(depth: int, expected: list[str]) -> None:
    assert addresses(view(chain), depth) == expected


def test_chain_ending_in_a_primary_source_passes() -> None:
    assert addresses(view(lambda d: (chain(d), source(d, "ex:data/raw")))) == []


def test_a_preprocessing_cycle_terminates() -> None:
    def cycle(d: dict[str, Any]) -> None:
        step(d, "ex:data/train-v7", "ex:prep/1", "ex:data/clean")
        step(d, "ex:data/clean", "ex:prep/0", "ex:data/train-v7")

    assert addresses(view(cycle), 50) == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"prov:location": "data/raw"}, "no URI location"),
        ({"prov:location": "C:\\data\\raw.csv"}, "no URI location"),
        ({"mlp:license": None}, "no license"),
    ],
)
def test_primary_source_needs_a_uri_and_a_license(change: dict[str, Any], reason: str) -> None:
    def bad(d: dict[str, Any]) -> None:
        source(d, "ex:data/train-v7", **change)
        d["entity"]["ex:src"] = {k: v for k, v in d["entity"]["ex:src"].items() if v is not None}

    [gap] = lineage.c13_upstream_lineage(view(bad))
    assert gap.address == EX + "src"
    assert gap.message.startswith(f"primary source {EX}src of {EX}data/train-v7: ")
    assert reason in gap.message


def test_one_good_primary_source_is_enough() -> None:
    def two(d: dict[str, Any]) -> None:
        source(d, "ex:data/train-v7", "ex:src-bad", **{"prov:location": "local/copy"})
        source(d, "ex:data/train-v7", "ex:src-good")

    assert addresses(view(two)) == []


def test_plain_derivation_is_not_a_primary_source() -> None:
    def plain(d: dict[str, Any]) -> None:
        source(d, "ex:data/train-v7")
        del d["wasDerivedFrom"]["_:ps-ex:data/train-v7-ex:src"]["prov:type"]

    assert addresses(view(plain)) == [EX + "data/train-v7"]


def test_undeclared_source_or_activity_is_left_to_c12() -> None:
    def undeclared(d: dict[str, Any]) -> None:
        source(d, "ex:data/train-v7")
        del d["entity"]["ex:src"]

    assert addresses(view(undeclared)) == []
    ghost = view(
        lambda d: d["wasGeneratedBy"].update({"_:x": {"prov:entity": "ex:data/train-v7", "prov:activity": "ex:gone"}})
    )
    assert addresses(ghost) == []


TTL = """@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix mlp: <https://example.org/ns/mlprov#> .
@prefix ex: <https://example.org/ml/> .
ex:model a prov:Entity, mlp:Model ; prov:wasGeneratedBy ex:run .
ex:run a prov:Activity ; prov:qualifiedUsage [ prov:entity ex:data ; prov:hadRole mlp:trainingData ] .
ex:data a prov:Entity, mlp:Dataset ; {link} .
ex:src a prov:Entity ; prov:atLocation "https://data.example.org/raw" ; mlp:license "cc0-1.0" .
"""


@pytest.mark.parametrize(
    ("link", "passes"),
    [
        ("prov:hadPrimarySource ex:src", True),
        ("prov:qualifiedPrimarySource [ prov:entity ex:src ]", True),
        ("prov:qualifiedDerivation [ a prov:PrimarySource ; prov:entity ex:src ]", True),
        ("prov:wasDerivedFrom ex:src", False),
        ("prov:wasRevisionOf ex:src", False),
    ],
)
def test_turtle_primary_source_in_plain_and_qualified_forms(link: str, passes: bool) -> None:
    graph = rdf.read(rdf.parse(TTL.replace("{link}", link), "turtle"), "turtle")
    assert addresses(View(graph.to_data())) == ([] if passes else [EX + "data"])

from __future__ import annotations

from typing import Any

import pytest

from scanner.provenance import prov_json
from scanner.provenance.graph import LOCATION, PROV, ROLE, TYPE

EX = "https://example.org/ml/"
PREFIX = {"ex": EX}


def read(doc: dict[str, Any]) -> dict[str, Any]:
    graph, _ = prov_json.read({"prefix": PREFIX, **doc})
    return graph.to_data()


def test_elements_expand_qualified_names_and_reserved_attributes() -> None:
    data = read(
        {
            "entity": {
                "ex:m": {
                    "prov:type": {"$": "ex:Model", "type": "prov:QUALIFIED_NAME"},
                    "prov:location": "m.bin",
                }
            },
            "activity": {"ex:t": {"prov:startTime": {"$": "2026-01-05T10:00:00Z", "type": "xsd:dateTime"}}},
        }
    )
    assert data["elements"][EX + "m"] == {
        "kind": "entity",
        "types": [EX + "Model"],
        "attributes": {LOCATION: ["m.bin"]},
    }
    assert data["elements"][EX + "t"]["attributes"] == {PROV + "startedAtTime": ["2026-01-05T10:00:00+00:00"]}


@pytest.mark.parametrize("key", ["wasEndedBy", "wasEndedby"])
def test_both_spellings_of_was_ended_by(key: str) -> None:
    data = read({"activity": {"ex:t": {}}, key: {"_:e": {"prov:activity": "ex:t", "prov:ender": "ex:t"}}})
    assert data["relations"] == [
        {
            "kind": "wasEndedBy",
            "args": {"activity": EX + "t", "ender": EX + "t"},
            "time": None,
            "attributes": {},
        }
    ]


def test_bundles_are_flattened_with_their_own_prefixes() -> None:
    data = read({"bundle": {"ex:b": {"prefix": {"d": "https://data.example/"}, "entity": {"d:x": {}}}}})
    assert data["elements"][EX + "b"]["types"] == [PROV + "Bundle"]
    assert data["elements"]["https://data.example/x"]["kind"] == "entity"


def test_repeated_record_ids_as_lists_and_roles_as_names() -> None:
    data = read(
        {
            "activity": {"ex:t": {}},
            "entity": {"ex:d": {}},
            "used": {"_:u": [{"prov:activity": "ex:t", "prov:entity": "ex:d", "prov:role": "ex:trainingData"}]},
        }
    )
    assert data["relations"][0]["attributes"] == {ROLE: [EX + "trainingData"]}


@pytest.mark.parametrize(
    ("types", "kept"),
    [
        ({"$": "prov:PrimarySource", "type": "prov:QUALIFIED_NAME"}, [PROV + "PrimarySource"]),
        (["prov:Revision", "ex:Other", 3, {"x": 1}], [PROV + "Revision"]),
        ("ex:Other", None),
    ],
)
def test_derivation_subtype_is_kept(types: Any, kept: list[str] | None) -> None:
    derived = {"_:d": {"prov:generatedEntity": "ex:a", "prov:usedEntity": "ex:b", "prov:type": types}}
    data = read({"entity": {"ex:a": {}, "ex:b": {}}, "wasDerivedFrom": derived})
    assert data["relations"][0]["attributes"] == ({TYPE: kept} if kept else {})


def test_undeclared_prefix_is_a_problem_not_an_error() -> None:
    data = read({"activity": {"ex:t": {}}, "used": {"_:u": {"prov:activity": "ex:t", "prov:entity": "zz:d"}}})
    assert data["problems"] == [{"message": "used _:u: prefix 'zz' of 'zz:d' is not declared", "ref": "zz:d"}]


@pytest.mark.parametrize(
    ("doc", "pointer"),
    [
        ([], ""),
        ({"entity": []}, "entity"),
        ({"entity": {"ex:a": "x"}}, "entity/ex:a"),
        ({"prefix": {"ex": 3}}, "prefix"),
    ],
)
def test_malformed_documents_name_the_place(doc: Any, pointer: str) -> None:
    with pytest.raises(prov_json.ProvJsonError) as err:
        prov_json.read(doc)
    assert err.value.pointer == pointer

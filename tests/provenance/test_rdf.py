from __future__ import annotations

import pytest

from scanner.provenance import rdf
from scanner.provenance.graph import PROV, TYPE

HEAD = """@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix ex: <https://example.org/ml/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:m a prov:Entity . ex:t a prov:Activity . ex:a a prov:SoftwareAgent . ex:p a prov:Entity .
"""
PLAIN = HEAD + "ex:m prov:wasGeneratedBy ex:t . ex:t prov:wasAssociatedWith ex:a .\n"
QUALIFIED = (
    HEAD
    + """ex:m prov:qualifiedGeneration [ a prov:Generation ; prov:activity ex:t ] .
ex:t prov:qualifiedAssociation [ a prov:Association ; prov:agent ex:a ] .
"""
)
INVERSE = HEAD + "ex:t prov:generated ex:m ; prov:wasAssociatedWith ex:a .\n"


def graph(text: str, fmt: str = "turtle") -> dict:
    return rdf.read(rdf.parse(text, fmt), fmt).to_data()


@pytest.mark.parametrize("text", [QUALIFIED, INVERSE])
def test_qualified_and_inverse_forms_read_as_the_plain_form(text: str) -> None:
    assert graph(text) == graph(PLAIN)


def test_plain_and_qualified_together_count_once_with_the_qualified_details() -> None:
    both = PLAIN + "ex:t prov:qualifiedAssociation [ prov:agent ex:a ; prov:hadPlan ex:p ] .\n"
    assoc = [r for r in graph(both)["relations"] if r["kind"] == "wasAssociatedWith"]
    assert [r["args"] for r in assoc] == [
        {
            "activity": "https://example.org/ml/t",
            "agent": "https://example.org/ml/a",
            "plan": "https://example.org/ml/p",
        }
    ]


def test_qualified_start_gives_the_start_time() -> None:
    text = (
        HEAD
        + 'ex:t prov:qualifiedStart [ prov:atTime "2026-01-05T10:00:00Z"^^xsd:dateTime ;\n'
        + "    prov:hadActivity ex:t ] .\n"
    )
    attrs = graph(text)["elements"]["https://example.org/ml/t"]["attributes"]
    assert attrs == {"http://www.w3.org/ns/prov#startedAtTime": ["2026-01-05T10:00:00+00:00"]}


def test_named_only_in_a_relation_is_not_declared() -> None:
    data = graph(HEAD + "ex:t prov:used ex:ghost .\n")
    assert "https://example.org/ml/ghost" not in data["elements"]


def test_rdf_xml() -> None:
    text = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:prov="http://www.w3.org/ns/prov#">
  <prov:Entity rdf:about="https://example.org/ml/m">
    <prov:wasGeneratedBy><prov:Activity rdf:about="https://example.org/ml/t"/></prov:wasGeneratedBy>
  </prov:Entity>
</rdf:RDF>"""
    data = graph(text, "rdf-xml")
    assert data["relations"][0]["args"] == {
        "entity": "https://example.org/ml/m",
        "activity": "https://example.org/ml/t",
    }


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        (
            '{"@context": "https://openprovenance.org/prov-jsonld/context.jsonld", "@graph": []}',
            "json-ld",
            "remote",
        ),
        ('{"@context": [{"@import": "https://x.example/c.jsonld"}]}', "json-ld", "remote"),
        ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>', "rdf-xml", "entity"),
        ("ex:m a prov:Entity .", "turtle", "invalid turtle"),
        ("{", "json-ld", "invalid JSON"),
    ],
)
def test_unsafe_or_malformed_input_is_refused(text: str, fmt: str, message: str) -> None:
    with pytest.raises(rdf.RdfError, match=message):
        rdf.parse(text, fmt)


@pytest.mark.parametrize(
    ("link", "types"),
    [
        ("prov:hadPrimarySource ex:p", ["PrimarySource"]),
        ("prov:qualifiedPrimarySource [ prov:entity ex:p ]", ["PrimarySource"]),
        ("prov:qualifiedDerivation [ a prov:Derivation, prov:Revision ; prov:entity ex:p ]", ["Revision"]),
        ("prov:wasQuotedFrom ex:p ; prov:hadPrimarySource ex:p", ["PrimarySource", "Quotation"]),
        ("prov:wasDerivedFrom ex:p ; prov:qualifiedDerivation [ prov:entity ex:p ]", []),
    ],
)
def test_derivation_subtype_from_any_form(link: str, types: list[str]) -> None:
    [derivation] = [r for r in graph(HEAD + f"ex:m {link} .\n")["relations"] if r["kind"] == "wasDerivedFrom"]
    assert derivation["attributes"].get(TYPE, []) == [PROV + t for t in types]

"""The one internal provenance model every source is normalised into.

A graph is JSON-compatible data (it is also the Rego `input.content` of a provenance document):

    {"format": "prov-json" | "turtle" | "json-ld" | "rdf-xml" | "openlineage",
     "elements":  {iri: {"kind": "entity"|"activity"|"agent", "types": [iri], "attributes": {iri: [v]}}},
     "relations": [{"kind": <PROV-JSON key>, "args": {<formal attribute>: iri}, "time": str | None,
                    "attributes": {iri: [v]}}],
     "problems":  [{"message": str, "ref": iri | None}]}

Ids and attribute names are full IRIs, so the same record read from PROV-JSON, Turtle or JSON-LD
gives the same graph. Relation kinds and argument names are PROV-JSON's (`prov` FORMAL_ATTRIBUTES,
without the `prov:` prefix); a relation asserted in plain or qualified PROV-O form reads the same.
A derivation's subtype (PrimarySource, Revision, Quotation) is its `TYPE` attribute in every format.
`problems` are what the reader found unresolvable (undeclared prefixes); C12 reports them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

PROV = "http://www.w3.org/ns/prov#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LOCATION = PROV + "atLocation"
ROLE = PROV + "hadRole"
VALUE = PROV + "value"
# Canonical terms the vocabulary adds beside a producer's own (see provenance/vocabulary.py).
VOCABULARY_NS = "https://mlcomply.dev/ns/provenance#"
# A derivation's PROV subtype (PROV-JSON `prov:type` of wasDerivedFrom; PROV-O hadPrimarySource,
# wasRevisionOf, wasQuotedFrom or their qualified forms) is kept as this relation attribute.
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DERIVATION_TYPES = frozenset(PROV + t for t in ("PrimarySource", "Revision", "Quotation"))

ELEMENT_KINDS = ("entity", "activity", "agent")
# Which kind of element fills a formal attribute (PROV-O domains and ranges).
ARG_KIND = {
    **dict.fromkeys(
        (
            "entity",
            "generatedEntity",
            "usedEntity",
            "trigger",
            "specificEntity",
            "generalEntity",
            "alternate1",
            "alternate2",
            "collection",
            "plan",
        ),
        "entity",
    ),
    **dict.fromkeys(("activity", "informed", "informant", "starter", "ender"), "activity"),
    **dict.fromkeys(("agent", "delegate", "responsible"), "agent"),
}


def parse_time(value: object) -> datetime | None:
    """An xsd:dateTime, or None when it does not parse (C12 reports it)."""
    # Imported here: rdflib costs ~0.1 s to import, and most scans read no provenance at all.
    from rdflib.xsd_datetime import parse_datetime

    try:
        return parse_datetime(str(value).strip())
    except (ValueError, TypeError):
        return None


def normal_time(value: object) -> str:
    """xsd:dateTime in one spelling ("Z" and "+00:00" alike), so every format reads the same;
    a value that does not parse is kept as written for C12 to report."""
    parsed = parse_time(value)
    return parsed.isoformat() if parsed is not None else str(value).strip()


def local_name(iri: str) -> str:
    """The vocabulary term of an IRI: projects may put `Model`, `digest`... in any namespace."""
    return re.split(r"[#/:]", iri)[-1]


@dataclass
class Graph:
    format: str
    elements: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)

    # -- building -------------------------------------------------------------------------------
    def declare(self, iri: str, kind: str) -> dict[str, Any]:
        el = self.elements.setdefault(iri, {"kind": kind, "types": [], "attributes": {}})
        return el

    def add_type(self, iri: str, type_iri: str) -> None:
        types = self.elements[iri]["types"]
        if type_iri not in types:
            types.append(type_iri)

    def add_types_of(self, iri: str, canonical: list[str]) -> None:
        """Canonical vocabulary types (scanner/provenance/vocabulary.py) beside the declared ones."""
        for name in canonical:
            if not any(local_name(t) == name for t in self.elements[iri]["types"]):
                self.add_type(iri, VOCABULARY_NS + name)

    def add_attribute(self, iri: str, name: str, value: Any) -> None:
        values = self.elements[iri]["attributes"].setdefault(name, [])
        if value not in values:
            values.append(value)

    def relate(
        self,
        kind: str,
        args: dict[str, str],
        time: str | None = None,
        attributes: dict[str, list[Any]] | None = None,
    ) -> None:
        self.relations.append({"kind": kind, "args": args, "time": time, "attributes": attributes or {}})

    def problem(self, message: str, ref: str | None = None) -> None:
        self.problems.append({"message": message, "ref": ref})

    def to_data(self) -> dict[str, Any]:
        self.relations.sort(key=lambda r: (r["kind"], sorted(r["args"].items()), r["time"] or ""))
        return {
            "format": self.format,
            "elements": {k: self.elements[k] for k in sorted(self.elements)},
            "relations": self.relations,
            "problems": self.problems,
        }


class View:
    """Read-side helpers over graph data, shared by the completeness checks."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.format: str = data.get("format", "")
        self.elements: dict[str, dict[str, Any]] = data.get("elements", {})
        self.relations: list[dict[str, Any]] = data.get("relations", [])
        self.problems: list[dict[str, Any]] = data.get("problems", [])

    def of_kind(self, kind: str) -> list[str]:
        return [i for i, e in self.elements.items() if e["kind"] == kind]

    def relations_of(self, kind: str) -> Iterator[dict[str, Any]]:
        return (r for r in self.relations if r["kind"] == kind)

    def has_type(self, iri: str, name: str) -> bool:
        el = self.elements.get(iri)
        return el is not None and any(local_name(t) == name for t in el["types"])

    def values(self, iri: str, name: str) -> list[Any]:
        """Attribute values whose name has local name `name` (any namespace)."""
        el = self.elements.get(iri)
        if el is None:
            return []
        return [v for k, vs in el["attributes"].items() if local_name(k) == name for v in vs]

    def digests(self, iri: str) -> list[str]:
        """Declared digests: `digest` and any `...Digest` attribute (e.g. lockfileDigest)."""
        el = self.elements.get(iri)
        if el is None:
            return []
        # Once each: the vocabulary adds a canonical `digest` beside the producer's own.
        found = (
            str(v)
            for k, vs in el["attributes"].items()
            if local_name(k) == "digest" or local_name(k).endswith("Digest")
            for v in vs
        )
        return list(dict.fromkeys(found))

    def location(self, iri: str) -> str | None:
        el = self.elements.get(iri)
        locs = el["attributes"].get(LOCATION, []) if el else []
        return str(locs[0]) if locs else None

    def roles(self, relation: dict[str, Any]) -> set[str]:
        return {local_name(str(v)) for v in relation["attributes"].get(ROLE, [])}

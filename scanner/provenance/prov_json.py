"""PROV-JSON (W3C Member Submission 2013) into the provenance graph.

Read directly rather than through `prov.ProvDocument.deserialize`: prov 3.2 drops an unresolvable
qualified name or an unparsable time with only a warning (its issues #516, #555), and C12 must
report exactly those. prov still supplies the table of record types and formal attributes.
"""

from __future__ import annotations

import re
from typing import Any

from prov.constants import PROV_RECORD_IDS_MAP
from prov.model import PROV_REC_CLS

from scanner.provenance.graph import (
    DERIVATION_TYPES,
    LOCATION,
    PROV,
    RDFS_LABEL,
    ROLE,
    TYPE,
    VALUE,
    Graph,
    normal_time,
)

# {"used": ("activity", "entity", "time"), ...} from prov's own model.
FORMAL: dict[str, tuple[str, ...]] = {
    key: tuple(a.localpart for a in PROV_REC_CLS[rtype].FORMAL_ATTRIBUTES)
    for key, rtype in PROV_RECORD_IDS_MAP.items()
    if key != "bundle"
}
ELEMENT_KEYS = {"entity": "entity", "activity": "activity", "agent": "agent"}
TIME_ATTRIBUTES = {"time", "startTime", "endTime"}
# The W3C PROV-JSON schema spells this key `wasEndedby`; prov and most writers `wasEndedBy`.
KEY_ALIASES = {"wasEndedby": "wasEndedBy"}
# PROV-JSON reserved attributes, renamed to their PROV-O properties.
RESERVED = {"location": LOCATION, "role": ROLE, "label": RDFS_LABEL, "value": VALUE}
PREDEFINED = {"prov": PROV, "xsd": "http://www.w3.org/2001/XMLSchema#"}
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_IRI_NS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # any scheme: http:, urn:, tag:
_QNAME_TYPES = {"prov:QUALIFIED_NAME", "xsd:QName"}


class ProvJsonError(ValueError):
    def __init__(self, message: str, pointer: str) -> None:
        super().__init__(message)
        self.pointer = pointer


class _Reader:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.pointers: dict[str, str] = {}  # element iri -> pointer of its declaration

    def expand(self, name: str, prefixes: dict[str, str], where: str) -> str:
        if name.startswith("_:") or _IRI.match(name):
            return name
        prefix, sep, local = name.partition(":")
        if not sep:
            if "default" in prefixes:
                return _join(prefixes["default"], name, name)
            self.graph.problem(f"{where}: {name!r} has no prefix and no default namespace is declared", name)
            return name
        if prefix in prefixes:
            return _join(prefixes[prefix], local, name)
        self.graph.problem(f"{where}: prefix {prefix!r} of {name!r} is not declared", name)
        return name

    def value(self, raw: Any, prefixes: dict[str, str], where: str, qname: bool = False) -> Any:
        if isinstance(raw, dict) and "$" in raw:
            lexical, dtype = raw["$"], raw.get("type")
            if dtype in _QNAME_TYPES and isinstance(lexical, str):
                return self.expand(lexical, prefixes, where)
            if dtype == "xsd:boolean" and isinstance(lexical, str):
                return lexical.strip().lower() in ("true", "1")
            return lexical
        if qname and isinstance(raw, str) and ":" in raw and not _IRI.match(raw):
            return self.expand(raw, prefixes, where)
        return raw

    def attributes(self, attrs: dict[str, Any], prefixes: dict[str, str], where: str) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for key, raw in attrs.items():
            prefix, _, local = key.partition(":")
            name = RESERVED.get(local) if prefix == "prov" else None
            name = name or self.expand(key, prefixes, where)
            for v in raw if isinstance(raw, list) else [raw]:
                out.setdefault(name, []).append(self.value(v, prefixes, where, qname=name == ROLE))
        return out

    def container(self, doc: dict[str, Any], inherited: dict[str, str], pointer: str) -> None:
        prefixes = {**PREDEFINED, **inherited, **_prefixes(doc.get("prefix"), f"{pointer}prefix")}
        for raw_key, records in doc.items():
            key = KEY_ALIASES.get(raw_key, raw_key)
            if key == "prefix":
                continue
            here = f"{pointer}{raw_key}"
            if not isinstance(records, dict):
                raise ProvJsonError(f"{raw_key!r} must map record ids to attribute objects", here)
            if key == "bundle":
                for bid, bundle in records.items():
                    if not isinstance(bundle, dict):
                        raise ProvJsonError(f"bundle {bid!r} must be an object", f"{here}/{bid}")
                    iri = self.expand(bid, prefixes, f"bundle {bid}")
                    self.graph.declare(iri, "entity")
                    self.graph.add_type(iri, PROV + "Bundle")
                    self.pointers.setdefault(iri, f"{here}/{bid}")
                    self.container(bundle, prefixes, f"{here}/{bid}/")
            elif key in ELEMENT_KEYS:
                for rid, attrs in _records(records, here):
                    self.element(ELEMENT_KEYS[key], rid, attrs, prefixes, f"{here}/{rid}")
            elif key in FORMAL:
                for rid, attrs in _records(records, here):
                    self.relation(key, rid, attrs, prefixes)

    def element(self, kind: str, rid: str, attrs: dict[str, Any], prefixes: dict[str, str], pointer: str) -> None:
        iri = self.expand(rid, prefixes, f"{kind} {rid}")
        self.graph.declare(iri, kind)
        self.pointers.setdefault(iri, pointer)
        attrs = dict(attrs)
        for t in _as_list(attrs.pop("prov:type", [])):
            self.graph.add_type(iri, str(self.value(t, prefixes, f"{kind} {rid}", qname=True)))
        for name in ("startTime", "endTime"):
            prop = PROV + ("startedAtTime" if name == "startTime" else "endedAtTime")
            for raw in _as_list(attrs.pop(f"prov:{name}", [])):
                self.graph.add_attribute(iri, prop, normal_time(self.value(raw, prefixes, rid)))
        for name, values in self.attributes(attrs, prefixes, f"{kind} {rid}").items():
            for v in values:
                self.graph.add_attribute(iri, name, v)

    def relation(self, key: str, rid: str, attrs: dict[str, Any], prefixes: dict[str, str]) -> None:
        args: dict[str, str] = {}
        time = None
        rest = dict(attrs)
        for formal in FORMAL[key]:
            raw = rest.pop(f"prov:{formal}", None)
            if raw is None:
                continue
            if formal in TIME_ATTRIBUTES:
                time = normal_time(self.value(raw, prefixes, f"{key} {rid}"))
            else:
                args[formal] = self.expand(str(self.value(raw, prefixes, key)), prefixes, f"{key} {rid}")
        raw_types = _as_list(rest.pop("prov:type", []))
        attributes = self.attributes(rest, prefixes, f"{key} {rid}")
        if key == "wasDerivedFrom":
            # Only a derivation's subtype has a PROV-O form the RDF reader sees too (C13's primary sources).
            types = (self.value(t, prefixes, f"{key} {rid}", qname=True) for t in raw_types)
            subtypes = sorted({t for t in types if isinstance(t, str) and t in DERIVATION_TYPES})
            if subtypes:
                attributes[TYPE] = subtypes
        self.graph.relate(key, args, time, attributes)


def _join(namespace: str, local: str, written: str) -> str:
    """The IRI of a name. A namespace that is no IRI (yProv4ML declares `provml` as `prov-ml` and
    its default namespace as the experiment's name) would glue into `prov-mlModel` or
    `contextContext.MODELS`: such a name keeps its prefixed form as written (`provml:Model`)."""
    return namespace + local if _IRI_NS.match(namespace) else written


def _prefixes(raw: Any, pointer: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ProvJsonError("'prefix' must map prefix names to namespace URIs", pointer)
    return dict(raw)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _records(records: dict[str, Any], pointer: str) -> list[tuple[str, dict[str, Any]]]:
    """prov writes a list of attribute objects when the same record id repeats."""
    out = []
    for rid, attrs in records.items():
        for one in _as_list(attrs):
            if not isinstance(one, dict):
                raise ProvJsonError(f"record {rid!r} must be an attribute object", f"{pointer}/{rid}")
            out.append((rid, one))
    return out


def read(data: Any) -> tuple[Graph, dict[str, str]]:
    """The graph of a parsed PROV-JSON document, and each element's declaration pointer."""
    if not isinstance(data, dict):
        raise ProvJsonError("a PROV-JSON document must be a JSON object", "")
    reader = _Reader(Graph("prov-json"))
    reader.container(data, {}, "")
    return reader.graph, reader.pointers

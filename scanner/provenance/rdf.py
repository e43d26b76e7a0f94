"""PROV-O (Turtle, JSON-LD, RDF/XML) into the provenance graph, via rdflib.

Every relation is read in its plain form (`:m prov:wasGeneratedBy :t`) and its qualified form
(`:m prov:qualifiedGeneration [ prov:activity :t ; prov:atTime ... ]`); prov's own RDF writer
emits only the qualified form when a relation carries a time, role, plan or id. When both forms
state the same relation, the qualified one (which carries more) is kept.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from rdflib import RDF, BNode, Dataset, Literal, URIRef
from rdflib import Graph as RdfGraph
from rdflib.namespace import XSD
from rdflib.plugins.parsers.notation3 import BadSyntax

from scanner.provenance.graph import ARG_KIND, DERIVATION_TYPES, PROV, ROLE, TYPE, Graph, normal_time


@dataclass(frozen=True)
class RelationForm:
    kind: str
    subject: str  # formal attribute the triple's subject fills
    plain: tuple[str, ...]  # plain properties (subtypes of wasDerivedFrom included)
    obj: str  # formal attribute the plain object / qualified influencer fills
    qualified: tuple[str, ...] = ()
    influencer: str = ""  # property of the qualified node that names the object
    extra: tuple[tuple[str, str], ...] = ()  # qualified-node property -> formal attribute


_DERIVED = ("wasDerivedFrom", "wasRevisionOf", "wasQuotedFrom", "hadPrimarySource")
FORMS = (
    RelationForm("wasGeneratedBy", "entity", ("wasGeneratedBy",), "activity", ("qualifiedGeneration",), "activity"),
    RelationForm("used", "activity", ("used",), "entity", ("qualifiedUsage",), "entity"),
    RelationForm("wasInformedBy", "informed", ("wasInformedBy",), "informant", ("qualifiedCommunication",), "activity"),
    RelationForm(
        "wasStartedBy",
        "activity",
        ("wasStartedBy",),
        "trigger",
        ("qualifiedStart",),
        "entity",
        (("hadActivity", "starter"),),
    ),
    RelationForm(
        "wasEndedBy",
        "activity",
        ("wasEndedBy",),
        "trigger",
        ("qualifiedEnd",),
        "entity",
        (("hadActivity", "ender"),),
    ),
    RelationForm(
        "wasInvalidatedBy",
        "entity",
        ("wasInvalidatedBy",),
        "activity",
        ("qualifiedInvalidation",),
        "activity",
    ),
    RelationForm(
        "wasDerivedFrom",
        "generatedEntity",
        _DERIVED,
        "usedEntity",
        ("qualifiedDerivation", "qualifiedRevision", "qualifiedQuotation", "qualifiedPrimarySource"),
        "entity",
        (("hadActivity", "activity"), ("hadGeneration", "generation"), ("hadUsage", "usage")),
    ),
    RelationForm("wasAttributedTo", "entity", ("wasAttributedTo",), "agent", ("qualifiedAttribution",), "agent"),
    RelationForm(
        "wasAssociatedWith",
        "activity",
        ("wasAssociatedWith",),
        "agent",
        ("qualifiedAssociation",),
        "agent",
        (("hadPlan", "plan"),),
    ),
    RelationForm(
        "actedOnBehalfOf",
        "delegate",
        ("actedOnBehalfOf",),
        "responsible",
        ("qualifiedDelegation",),
        "agent",
        (("hadActivity", "activity"),),
    ),
    RelationForm(
        "wasInfluencedBy",
        "influencee",
        ("wasInfluencedBy",),
        "influencer",
        ("qualifiedInfluence",),
        "influencer",
    ),
    RelationForm("specializationOf", "specificEntity", ("specializationOf",), "generalEntity"),
    RelationForm("alternateOf", "alternate1", ("alternateOf",), "alternate2"),
    RelationForm("hadMember", "collection", ("hadMember",), "entity"),
)
CLASS_KIND = {
    **dict.fromkeys(("Entity", "Collection", "EmptyCollection", "Bundle", "Plan"), "entity"),
    "Activity": "activity",
    **dict.fromkeys(("Agent", "Person", "Organization", "SoftwareAgent"), "agent"),
}
BASE_CLASSES = {PROV + "Entity", PROV + "Activity", PROV + "Agent"}
RDF_FORMATS = {"turtle": "turtle", "json-ld": "json-ld", "rdf-xml": "xml"}
# The derivation subtype each special property states (PROV-JSON writes it as `prov:type`).
_SUBTYPE = {
    **dict.fromkeys(("hadPrimarySource", "qualifiedPrimarySource"), PROV + "PrimarySource"),
    **dict.fromkeys(("wasRevisionOf", "qualifiedRevision"), PROV + "Revision"),
    **dict.fromkeys(("wasQuotedFrom", "qualifiedQuotation"), PROV + "Quotation"),
}
_STRUCTURAL = {PROV + p for f in FORMS for p in (*f.plain, *f.qualified)} | {PROV + "generated"}
_TIMES = {PROV + "startedAtTime", PROV + "endedAtTime"}


class RdfError(ValueError):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _python(node: Any) -> Any:
    if isinstance(node, Literal):
        if node.datatype == XSD.boolean:
            return str(node).strip().lower() in ("true", "1")
        value = node.toPython()
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else str(node)
    return str(node)


def _remote_contexts(value: Any) -> list[str]:
    """JSON-LD @context / @import URLs: rdflib would fetch them; a scan stays offline."""
    found: list[str] = []
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            for k, child in v.items():
                if k in ("@context", "@import"):
                    found.extend(c for c in (child if isinstance(child, list) else [child]) if isinstance(c, str))
                stack.append(child)
        elif isinstance(v, list):
            stack.extend(v)
    return found


def _where(url: str) -> str:
    """A context URL as its scheme and host: its user, password, path and query (a signed URL's
    token) are values from the file and stay out of the message."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return f"{parts.scheme}://{host}" if parts.scheme and host else "(a relative or local reference)"


def parse(text: str, fmt: str) -> RdfGraph:
    if fmt == "json-ld":
        try:
            remote = _remote_contexts(json.loads(text))
        except json.JSONDecodeError as exc:
            raise RdfError(f"invalid JSON: {exc.msg} (line {exc.lineno})") from None
        if remote:
            raise RdfError(f"remote JSON-LD context {_where(remote[0])} is not fetched (scans are offline); inline it")
    if fmt == "rdf-xml" and "<!ENTITY" in text:
        raise RdfError("XML entity declarations are not accepted (entity expansion attacks)")
    ds = Dataset()
    try:
        with warnings.catch_warnings():
            # rdflib's own Dataset internals use its deprecated default_context.
            warnings.simplefilter("ignore", DeprecationWarning)
            ds.parse(data=text, format=RDF_FORMATS[fmt], publicID="urn:mlcomply:doc")
            quads = list(ds.quads((None, None, None, None)))
    except BadSyntax as exc:
        # Its text quotes 60 characters either side of the error, a password included: the
        # line and the reason are enough to find it.
        raise RdfError(f"invalid {fmt}: bad syntax ({getattr(exc, '_why', 'unknown')})", line=exc.lines + 1) from None
    except Exception as exc:  # rdflib raises many unrelated types for malformed input
        raise RdfError(f"invalid {fmt}: {exc}") from None
    # Named graphs (PROV bundles in JSON-LD) are read as one graph, like PROV-JSON bundles.
    merged = RdfGraph()
    for prefix, ns in ds.namespaces():
        merged.bind(prefix, ns)
    for s, p, o, _ in quads:
        merged.add((s, p, o))
    return merged


def read(ds: RdfGraph, fmt: str) -> Graph:
    graph = Graph(fmt)
    kinds: dict[str, str] = {}
    for s, o in ds.subject_objects(RDF.type):
        if isinstance(s, URIRef) and str(o).startswith(PROV) and str(o)[len(PROV) :] in CLASS_KIND:
            kinds.setdefault(str(s), CLASS_KIND[str(o)[len(PROV) :]])

    relations: dict[tuple[str, str, str], tuple[dict[str, str], str | None, dict[str, list[Any]]]] = {}
    subtypes: dict[tuple[str, str, str], set[str]] = {}
    for form in FORMS:
        for qprop in form.qualified:
            for s, q in ds.subject_objects(URIRef(PROV + qprop)):
                target = ds.value(q, URIRef(PROV + form.influencer))
                if target is None:
                    continue
                args = {form.subject: str(s), form.obj: str(target)}
                for prop, formal in form.extra:
                    v = ds.value(q, URIRef(PROV + prop))
                    if v is not None:
                        args[formal] = str(v)
                time = ds.value(q, URIRef(PROV + "atTime"))
                roles = [str(r) for r in ds.objects(q, URIRef(ROLE))]
                attrs = {ROLE: roles} if roles else {}
                relations[(form.kind, str(s), str(target))] = (
                    args,
                    None if time is None else normal_time(time),
                    attrs,
                )
                stated = {_SUBTYPE.get(qprop)} | {str(t) for t in ds.objects(q, RDF.type)}
                subtypes.setdefault((form.kind, str(s), str(target)), set()).update(stated & DERIVATION_TYPES)
        for prop in form.plain:
            for s, o in ds.subject_objects(URIRef(PROV + prop)):
                relations.setdefault((form.kind, str(s), str(o)), ({form.subject: str(s), form.obj: str(o)}, None, {}))
                if prop in _SUBTYPE:
                    subtypes.setdefault((form.kind, str(s), str(o)), set()).add(_SUBTYPE[prop])
    for a, e in ds.subject_objects(URIRef(PROV + "generated")):
        relations.setdefault(("wasGeneratedBy", str(e), str(a)), ({"entity": str(e), "activity": str(a)}, None, {}))

    for key, types in subtypes.items():
        if types:
            relations[key][2][TYPE] = sorted(types)
    for (kind, _, _), (args, time, attrs) in sorted(relations.items()):
        graph.relate(kind, args, time, attrs)
        for formal, iri in args.items():
            if formal in ARG_KIND and not iri.startswith("_:"):
                described = (URIRef(iri), None, None) in ds
                if described:  # named only in a relation = undeclared (C12)
                    kinds.setdefault(iri, ARG_KIND[formal])

    for iri, kind in sorted(kinds.items()):
        graph.declare(iri, kind)
        for p, o in ds.predicate_objects(URIRef(iri)):
            prop = str(p)
            if p == RDF.type:
                if prop not in BASE_CLASSES and str(o) not in BASE_CLASSES:
                    graph.add_type(iri, str(o))
            elif prop in _STRUCTURAL or isinstance(o, BNode):
                continue
            else:
                graph.add_attribute(iri, prop, normal_time(o) if prop in _TIMES else _python(o))
    _times_from_qualified_events(ds, graph)
    return graph


def _times_from_qualified_events(ds: RdfGraph, graph: Graph) -> None:
    """`prov:qualifiedStart [ prov:atTime t ]` states the start time as well as startedAtTime."""
    for qprop, prop in (("qualifiedStart", "startedAtTime"), ("qualifiedEnd", "endedAtTime")):
        for s, q in ds.subject_objects(URIRef(PROV + qprop)):
            t = ds.value(q, URIRef(PROV + "atTime"))
            el = graph.elements.get(str(s))
            if t is not None and el is not None and PROV + prop not in el["attributes"]:
                graph.add_attribute(str(s), PROV + prop, normal_time(t))

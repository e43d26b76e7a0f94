"""Provenance records: PROV-JSON, PROV-O (Turtle, JSON-LD, RDF/XML), OpenLineage run events.

Every source becomes one `provenance` document whose data is the normalised graph of
scanner/provenance/graph.py; `addresses` maps each element's IRI to where it is declared.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

import ahocorasick

from scanner.documents import Document, LoadError, Span
from scanner.loaders import json_text, nesting
from scanner.loaders.json_file import loads
from scanner.loaders.text import read_text
from scanner.loaders.yaml_file import spans_of_text
from scanner.provenance import templates, vocabulary
from scanner.provenance.graph import Graph
from scanner.walk import FileEntry

SNIFF_BYTES = 8192
PROV_NS = "http://www.w3.org/ns/prov#"
_PROV_JSON_KEYS = re.compile(
    r'"(entity|activity|agent|wasGeneratedBy|used|wasAssociatedWith|wasAttributedTo|wasDerivedFrom|'
    r'actedOnBehalfOf|bundle)"\s*:'
)
_OPENLINEAGE = (re.compile(r'"eventTime"\s*:'), re.compile(r'"runId"\s*:'))
# The OpenLineage spec itself (a JSON Schema) names eventTime and runId as properties: not an event.
_JSON_SCHEMA = re.compile(r'"\$schema"\s*:\s*"https?://json-schema\.org/')


def _head(entry: FileEntry) -> str:
    with entry.open() as fh:
        return fh.read(SNIFF_BYTES).decode("utf-8", "replace")


def detect(entry: FileEntry) -> str | None:
    """The provenance format of a file, or None. Reads at most 8 KiB, and only of candidates."""
    name = PurePosixPath(entry.rel).name.lower()
    suffix = PurePosixPath(name).suffix
    if suffix not in (".json", ".jsonl", ".jsonld", ".ttl", ".rdf", ".owl"):
        return None
    try:
        head = _head(entry)
    except OSError:
        return None
    if suffix == ".ttl":
        return "turtle" if PROV_NS in head else None
    if suffix in (".rdf", ".owl"):
        return "rdf-xml" if PROV_NS in head else None
    if suffix == ".jsonld":
        return "json-ld" if "w3.org/ns/prov" in head else None
    if all(p.search(head) for p in _OPENLINEAGE) and not _JSON_SCHEMA.search(head):
        return "openlineage"
    if suffix == ".json" and (name.endswith(".prov.json") or len(set(_PROV_JSON_KEYS.findall(head))) >= 2):
        return "prov-json"
    return None


def _first_lines(text: str, needles: Iterable[str]) -> dict[str, int]:
    """The first line (as str.splitlines counts them) on which each needle appears whole.

    One Aho-Corasick pass over the text finds every needle at once, so the cost is linear in
    the text plus the matches, not text x needles (10,000 entities in 239 KB took 30 s).
    """
    automaton = ahocorasick.Automaton()
    for needle in needles:
        if needle:
            automaton.add_word(needle, needle)
    if len(automaton) == 0:
        return {}
    automaton.make_automaton()
    # Where each line's text starts and ends (its line break excluded): a match must not
    # cross a line break, as `needle in line` never does.
    starts, ends, offset = [], [], 0
    for line in text.splitlines(keepends=True):
        starts.append(offset)
        ends.append(offset + len(line.splitlines()[0]) if line.splitlines() else offset)
        offset += len(line)
    out: dict[str, int] = {}
    for last, needle in automaton.iter(text):
        if needle in out:
            continue
        first = last - len(needle) + 1
        index = bisect.bisect_right(starts, first) - 1
        if index >= 0 and last < ends[index]:
            out[needle] = index + 1
    return out


def _text_addresses(path: str, text: str, graph: Graph, needles: dict[str, list[str]]) -> dict[str, Span]:
    """RDF and event logs keep no positions: an element is where its name first appears."""
    found = _first_lines(text, {n for iri in graph.elements for n in needles.get(iri, [iri])})
    out = {}
    for iri in graph.elements:
        lines = [found[n] for n in needles.get(iri, [iri]) if n in found]
        if lines:
            out[iri] = Span(path, min(lines), min(lines))
    return out


def _load_prov_json(entry: FileEntry, text: str) -> tuple[Graph, dict[str, Span]]:
    from scanner.provenance import prov_json

    data = loads(text)
    spans = spans_of_text(entry.rel, text)
    try:
        graph, pointers = prov_json.read(data)
    except prov_json.ProvJsonError as exc:
        span = spans.get(exc.pointer)
        raise LoadError(f"prov-json: {exc}", line=span.line if span else None) from None
    return graph, {iri: spans[p] for iri, p in pointers.items() if p in spans}


def _rdf_needles(ds: Any, graph: Graph) -> dict[str, list[str]]:
    namespaces = [(p, str(ns)) for p, ns in ds.namespaces() if p]
    out = {}
    for iri in graph.elements:
        out[iri] = [f"<{iri}>", f'"{iri}"'] + [
            f"{p}:{iri[len(ns) :]}" for p, ns in namespaces if iri.startswith(ns) and len(iri) > len(ns)
        ]
    return out


def _events(entry: FileEntry, text: str) -> list[tuple[int, Any]]:
    if entry.rel.lower().endswith(".jsonl"):
        events = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                nesting.check(line, "JSON line", first_line=n)
                try:
                    events.append((n, json_text.loads(line)))
                except json.JSONDecodeError as exc:
                    raise LoadError(f"invalid JSON line: {exc.msg}", line=n, column=exc.colno) from None
        return events
    data = loads(text)
    return [(1, e) for e in data] if isinstance(data, list) else [(1, data)]


def load(entry: FileEntry) -> list[Document]:
    # The readers pull in prov and rdflib (~0.3 s): only when a provenance record is loaded.
    from scanner.provenance import openlineage, rdf

    text = read_text(entry)
    fmt = detect(entry)
    if fmt is None:
        raise LoadError("not a recognised provenance record")
    if fmt == "prov-json":
        graph, addresses = _load_prov_json(entry, text)
    elif fmt == "openlineage":
        try:
            graph, found = openlineage.read(_events(entry, text))
        except openlineage.OpenLineageError as exc:
            raise LoadError(f"openlineage: {exc}", line=exc.line) from None
        addresses = _text_addresses(entry.rel, text, graph, {k: [f'"{v}"', v] for k, v in found.items()})
    else:
        if fmt == "json-ld":
            nesting.check(text, "JSON-LD")  # rdflib's JSON-LD reader recurses per level
        try:
            ds = rdf.parse(text, fmt)
        except rdf.RdfError as exc:
            raise LoadError(f"{fmt}: {exc}", line=exc.line) from None
        graph = rdf.read(ds, fmt)
        addresses = _text_addresses(entry.rel, text, graph, _rdf_needles(ds, graph))
    vocabulary.normalise(graph, vocabulary.current())
    data = graph.to_data()
    if templates.is_template(data):
        raise LoadError(
            f"read {fmt} record: a template (ids or times are unrendered placeholders such as "
            "{{...}} or ${json-unit...}); not checked until rendered",
            line=templates.first_line(text),
            kind="note",
        )
    return [Document(kind="provenance", path=entry.rel, data=data, text=text, addresses=addresses)]

"""Model cards vs provenance records: each has the other, and they name the same datasets."""

from __future__ import annotations

import re
from collections.abc import Iterable

from scanner.consistency.pairing import model_records, partners
from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.modelcard.content import Card, as_list, dataset_id
from scanner.provenance.completeness import training_data, training_runs
from scanner.provenance.graph import RDFS_LABEL, View, local_name
from scanner.pyrules import PythonRule


def _names(v: View, iri: str) -> list[str]:
    el = v.elements.get(iri, {})
    labels = [str(x) for x in el.get("attributes", {}).get(RDFS_LABEL, [])]
    return [s.lower() for s in (iri, v.location(iri) or "", *labels) if s]


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _short_names(names: list[str]) -> set[str]:
    """Each name's last segment (an IRI's local name, a location's file stem), normalised."""
    out = set()
    for n in names:
        last = local_name(n.rstrip("/"))
        out |= {_key(last), _key(last.split(".", 1)[0])}
    return out - {""}


def _matches(card_id: str, names: list[str]) -> bool:
    """A card's dataset (a Hub id such as `ylecun/mnist`, a name) is a record's training data when
    the id appears in the entity's IRI, location or label, or its last segment equals the IRI's
    local name, the location's file stem or the label (`http://example.org/data/mnist`, `MNIST`)."""
    ref = card_id.split("@", 1)[0].strip().lower()
    if not ref:
        return False
    return any(ref in n for n in names) or _key(ref.rstrip("/").rsplit("/", 1)[-1]) in _short_names(names)


class DatasetsDisagree(PythonRule):
    id = "MLC-INTEG-DATASETS-001"
    title = "Model card datasets and provenance training data disagree"
    severity = "medium"
    category = "data-integrity"
    nist_ai_rmf = ("MAP 4.1", "MEASURE 2.8")
    atlas = ("AML.T0010.002", "AML.T0020")
    description = (
        "The datasets a model card names are not the datasets its provenance record says the "
        "training run used (by id, location or label): one of the two is wrong about what the model "
        "learned from."
    )
    remediation = "Make the card's `datasets` and the record's training `used` entities name the same data."
    input_kinds = ("modelcard",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        raw = Card(doc.data).metadata.get("datasets")
        card_ids = [dataset_id(e) for e in as_list(raw)]
        if not card_ids:
            return
        for record in partners(doc, ctx):
            v = View(record.data)
            used = {d: _names(v, d) for _, t in training_runs(v) for d in training_data(v, t)}
            if not used:
                continue
            for i, cid in enumerate(card_ids):
                if not any(_matches(cid, names) for names in used.values()):
                    pointer = ("metadata", "datasets", i) if isinstance(raw, list) else ("metadata", "datasets")
                    yield Hit(
                        f"dataset {cid!r} is not training data in {record.path}",
                        pointer=pointer,
                        key=f"{record.path}:card:{cid}",
                    )
            for iri, names in sorted(used.items()):
                if not any(_matches(cid, names) for cid in card_ids):
                    yield Hit(
                        f"training data {iri} of {record.path} is not among the card's datasets",
                        pointer=("metadata", "datasets"),
                        key=f"{record.path}:prov:{iri}",
                    )


class CardWithoutProvenance(PythonRule):
    id = "MLC-INTEG-NOPROV-001"
    title = "Model card without a provenance record"
    severity = "low"
    category = "data-integrity"
    nist_ai_rmf = ("MEASURE 2.8", "MAP 4.1")
    atlas = ("AML.T0010.002", "AML.T0020")
    description = (
        "A model card has no provenance record (PROV-JSON, PROV-O or OpenLineage) in its folder or "
        "beside it: its claims about data and training cannot be checked against a lineage record."
    )
    remediation = "Commit the training run's provenance record (e.g. model.prov.json) next to the model card."
    input_kinds = ("modelcard",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if not partners(doc, ctx):
            yield Hit("model card has no provenance record in its folder", key="no-provenance")


class ProvenanceWithoutCard(PythonRule):
    id = "MLC-INTEG-NOCARD-001"
    title = "Provenance record of a model without a model card"
    severity = "low"
    category = "data-integrity"
    nist_ai_rmf = ("MEASURE 2.8", "MAP 1.1")
    atlas_none = "model documentation quality (governance evidence); it prevents or detects no ATLAS technique"
    description = (
        "A provenance record describes a model, but no model card is in its folder or above it: the "
        "model's intended use, limitations and evaluation are undocumented."
    )
    remediation = "Add a model card (README.md with Hugging Face metadata, or MODEL_CARD.md) for the model."
    input_kinds = ("provenance",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if doc in model_records(ctx) and not partners(doc, ctx):
            yield Hit("provenance record of a model has no model card in its folder", key="no-card")


RULES = [DatasetsDisagree, CardWithoutProvenance, ProvenanceWithoutCard]

"""Provenance records (PROV-JSON, PROV-O, OpenLineage): models with their declared digests, the
runs that trained them, their training data with locations and digests, and the upstream
sources a dataset was derived from."""

from __future__ import annotations

from scanner.documents import Document
from scanner.inventory.card_source import model_for
from scanner.inventory.model import Edge, Hash, Inventory, Job, add_hash
from scanner.inventory.paths import is_model_file, repo_path
from scanner.provenance import digests
from scanner.provenance.completeness import models, training_data, training_runs, used_by
from scanner.provenance.graph import RDFS_LABEL, View, local_name

DERIVED = "wasDerivedFrom"


def _hashes(v: View, iri: str, source: str) -> list[Hash]:
    out = []
    for raw in v.digests(iri):
        d = digests.parse(raw)
        if d is not None:
            out.append(Hash(d.algorithm, d.hex, source, d.directory))
    return out


def _label(v: View, iri: str) -> str:
    labels = v.elements.get(iri, {}).get("attributes", {}).get(RDFS_LABEL, []) or v.values(iri, "label")
    return str(labels[0]) if labels else local_name(iri)


def _license(v: View, iri: str) -> str | None:
    found = [str(x) for x in v.values(iri, "license") if isinstance(x, str) and x.strip()]
    return found[0] if found else None


def _node(inv: Inventory, v: View, iri: str, doc: Document) -> str:
    """The inventory id of a data or model-file entity: by its location when it has one, so that
    a record and a DVC file naming the same file meet."""
    loc = v.location(iri)
    path = repo_path(loc) if loc else None
    if path is not None and is_model_file(path):
        art = inv.artifact(path, doc.path)
        for h in _hashes(v, iri, doc.path):
            add_hash(art.hashes, h)
        return art.id
    where = path or loc or iri
    ds = inv.dataset(f"dataset:{where}", _label(v, iri), path or loc, doc.path)
    ds.license = ds.license or _license(v, iri)
    for h in _hashes(v, iri, doc.path):
        add_hash(ds.hashes, h)
    return ds.id


def _upstream(inv: Inventory, v: View, iri: str, node: str, doc: Document, depth: int = 3) -> None:
    if depth == 0:
        return
    for r in v.relations_of(DERIVED):
        if r["args"].get("generatedEntity") == iri and r["args"].get("usedEntity") in v.elements:
            src = r["args"]["usedEntity"]
            src_node = _node(inv, v, src, doc)
            inv.edges.add(Edge(node, src_node, doc.path))
            _upstream(inv, v, src, src_node, doc, depth - 1)


# Inputs of an activity that are not data: the code, environment and settings it ran with.
NOT_DATA = frozenset({"code", "environment", "hyperparameters", "Code", "Environment", "Hyperparameters"})


def _is_data(v: View, iri: str, roles: set[str]) -> bool:
    return not (roles & NOT_DATA) and not any(v.has_type(iri, t) for t in NOT_DATA)


def _activities(inv: Inventory, v: View, doc: Document) -> None:
    """Every activity as a job: what it used and what it generated (an OpenLineage run of a data
    job, a preparation step of a PROV record)."""
    for act in sorted(v.of_kind("activity")):
        ins = [e for e, roles in used_by(v, act) if _is_data(v, e, roles)]
        outs = [
            r["args"]["entity"]
            for r in v.relations_of("wasGeneratedBy")
            if r["args"].get("activity") == act and r["args"].get("entity") in v.elements
        ]
        if not (ins or outs):
            continue
        job_id = f"job:{doc.path}#{local_name(act)}"
        job = inv.jobs.setdefault(job_id, Job(job_id, _label(v, act), doc.path))
        for iri, side in [*((i, job.inputs) for i in ins), *((o, job.outputs) for o in sorted(outs))]:
            node = _node(inv, v, iri, doc)
            if node not in side:
                side.append(node)


def add(inv: Inventory, doc: Document) -> None:
    v = View(doc.data if isinstance(doc.data, dict) else {})
    found = models(v)
    for iri in found:
        m = model_for(inv, doc.path, _label(v, iri) if len(found) == 1 else None, doc.path)
        m.license = m.license or _license(v, iri)
        loc = v.location(iri)
        path = repo_path(loc) if loc else None
        if path is not None:
            art = inv.artifact(path, doc.path)
            for h in _hashes(v, iri, doc.path):
                add_hash(art.hashes, h)
            if art.id not in m.files:
                m.files.append(art.id)
    for model_iri, run in training_runs(v):
        job_id = f"job:{doc.path}#{local_name(run)}"
        job = inv.jobs.setdefault(job_id, Job(job_id, _label(v, run), doc.path))
        loc = v.location(model_iri)
        path = repo_path(loc) if loc else None
        m = model_for(inv, doc.path, None, doc.path)
        out = inv.artifact(path, doc.path).id if path is not None else m.id
        if out not in job.outputs:
            job.outputs.append(out)
        for data in training_data(v, run):
            node = _node(inv, v, data, doc)
            inv.edges.add(Edge(m.id, node, job_id))
            if node not in job.inputs:
                job.inputs.append(node)
            _upstream(inv, v, data, node, doc)
    _activities(inv, v, doc)

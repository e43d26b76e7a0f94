"""Build the inventory from a scan's loaded documents.

Every source adds what it states (`*_source.py`); then models meet their files (a model file in
a model's folder belongs to it) and jobs become lineage: whatever a job writes was made from what
it reads, and a model was trained on the data its files were made from. A document a source
cannot read costs that document only: a note, never a lost inventory.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path, PurePosixPath

from scanner.documents import Document
from scanner.inventory import (
    airflow_source,
    artifact_source,
    card_source,
    dvc_source,
    files_source,
    mlflow_source,
    pipeline_source,
    provenance_source,
)
from scanner.inventory.model import Edge, Inventory, Model
from scanner.inventory.paths import inside


def build(
    docs: Iterable[Document], root: Path, hash_files: bool = True, files: Collection[str] = ()
) -> tuple[Inventory, list[str]]:
    """The inventory, and notes on what could not be read (file and reason). `hash_files`: read
    each model file again for its sha256 (the BOM's hashes of the files we can see). `files`: the
    scan's listing (repository paths), for weights no loader reads and cards' checksum lines."""
    inv = Inventory()
    notes: list[str] = []
    store: dict[str, str] = {}
    docs = sorted(docs, key=lambda d: d.path)
    for doc in docs:
        try:
            if doc.kind == "model-artifact":
                artifact_source.add(inv, doc, root if hash_files else None, notes)
            elif doc.kind == "dvc":
                dvc_source.add(inv, doc)
            elif doc.kind == "modelcard":
                card_source.add(inv, doc)
            elif doc.kind == "provenance":
                provenance_source.add(inv, doc)
            elif doc.kind == "airflow":
                airflow_source.add(inv, doc)
            elif doc.kind == "mlflow":
                mlflow_source.add(inv, doc, store)
            elif doc.kind == "pipeline-python":
                pipeline_source.add(inv, doc)
        except Exception as exc:  # one odd record must not cost the whole inventory
            notes.append(f"inventory {doc.path}: {type(exc).__name__}; left out")
    mlflow_source.resolve(inv, store)
    if files:
        files_source.add_weights(inv, files, root if hash_files else None, notes)
        for doc in docs:
            if doc.kind == "modelcard":
                files_source.add_card_checksums(inv, doc, set(files))
    _attach_files(inv)
    _job_lineage(inv)
    for m in inv.models.values():
        m.files.sort()
        m.datasets = sorted({e.source for e in inv.upstream(m.id) if e.source in inv.datasets})
    return inv, notes


def _attach_files(inv: Inventory) -> None:
    """A model file belongs to the model whose folder holds it (the innermost such folder)."""
    by_depth = sorted(inv.models.values(), key=lambda m: -len(m.id))
    for art in inv.artifacts.values():
        owner = next((m for m in by_depth if inside(art.path, m.id.removeprefix("model:"))), None)
        if any(art.id in m.files for m in inv.models.values()):
            continue
        if owner is None:  # a model file no card or record describes is a model of its own
            mid = f"model:{art.path}"
            owner = inv.models.setdefault(mid, Model(mid, PurePosixPath(art.path).stem, sources=list(art.sources)))
        owner.files.append(art.id)
    for m in inv.models.values():
        m.files = sorted(set(m.files))


def _job_lineage(inv: Inventory) -> None:
    owner = {f: m.id for m in inv.models.values() for f in m.files}
    for job in inv.jobs.values():
        for out in job.outputs:
            for src in job.inputs:
                if src != out:
                    inv.edges.add(Edge(out, src, job.id))
                    if out in owner and src in inv.datasets:
                        inv.edges.add(Edge(owner[out], src, job.id))

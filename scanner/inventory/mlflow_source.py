"""MLflow: `MLmodel` files (a model, its run) and a local `mlruns/` store's datasets and run
inputs (the run's datasets, with their source and MLflow's digest)."""

from __future__ import annotations

import json
import posixpath
from typing import Any

from scanner.documents import Document
from scanner.inventory.card_source import model_for
from scanner.inventory.model import Dataset, Inventory, Job
from scanner.inventory.paths import repo_path


def _run_job(inv: Inventory, run_id: str, where: str) -> Job:
    job_id = f"job:mlflow#{run_id}"
    return inv.jobs.setdefault(job_id, Job(job_id, f"run {run_id}", where))


def _source_uri(raw: Any) -> str | None:
    """MLflow stores a dataset's source as a JSON string: `'{"uri": "s3://bucket/train.csv"}'`."""
    if not isinstance(raw, str):
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    uri = value.get("uri") or value.get("url") or value.get("path") if isinstance(value, dict) else None
    return str(uri) if isinstance(uri, str) and uri.strip() else None


def _dataset(inv: Inventory, doc: Document, data: dict[str, Any], store_id: str) -> Dataset:
    uri = _source_uri(data.get("source"))
    where = (repo_path(uri) or uri) if uri else None
    ds = inv.dataset(f"dataset:{where or store_id}", str(data.get("name") or store_id), where, doc.path)
    digest = data.get("digest")
    if isinstance(digest, str) and digest:
        # MLflow's digest is a short fingerprint of a sample, not a content hash: kept as a
        # property, never as a hash the BOM would grade.
        ds.properties["mlflow:digest"] = digest
    return ds


INPUT = "mlflow-input:"  # a run input names its dataset's meta.yaml; resolved once all are read


def add(inv: Inventory, doc: Document, store: dict[str, str]) -> None:
    """`store` maps each dataset's meta.yaml path to its inventory id, for `resolve`."""
    data = doc.data if isinstance(doc.data, dict) else {}
    parts = doc.path.split("/")
    name = parts[-1]
    if name == "MLmodel":
        version = data.get("model_uuid") or data.get("run_id")
        m = model_for(inv, doc.path, None, doc.path)
        m.version = m.version or (str(version) if version else None)
        if isinstance(data.get("run_id"), str):
            job = _run_job(inv, data["run_id"], doc.path)
            if m.id not in job.outputs:
                job.outputs.append(m.id)
        return
    if name != "meta.yaml" or "mlruns" not in parts:
        return
    if len(parts) >= 3 and parts[-3] == "datasets":
        store[doc.path] = _dataset(inv, doc, data, f"mlflow:{'/'.join(parts[-4:-1])}").id
    elif len(parts) >= 4 and parts[-3] == "inputs" and data.get("source_type") == "DATASET":
        run_id, experiment = parts[-4], posixpath.join(*parts[: parts.index("mlruns") + 2])
        # The dataset's own meta.yaml is read in the same pass; its id is keyed by its source.
        target = posixpath.join(experiment, "datasets", str(data.get("source_id")), "meta.yaml")
        job = _run_job(inv, run_id, doc.path)
        job.inputs.append(INPUT + target)


def resolve(inv: Inventory, store: dict[str, str]) -> None:
    """Run inputs to the datasets they name; one the store does not hold is dropped (MLC-MLFLOW-003
    reports it)."""
    for job in inv.jobs.values():
        ids = [store.get(i.removeprefix(INPUT)) if i.startswith(INPUT) else i for i in job.inputs]
        job.inputs = list(dict.fromkeys(i for i in ids if i is not None))

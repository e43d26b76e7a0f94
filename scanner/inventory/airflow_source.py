"""Airflow task I/O where the DAG states it statically: an operator's `inlets=`/`outlets=` of
`Dataset("uri")`/`Asset("uri")` (or plain URI strings) with a literal `task_id`. Nothing else is
guessed from a task's code."""

from __future__ import annotations

import re
from typing import Any

from scanner.documents import Document
from scanner.inventory.model import Inventory, Job

# `Dataset("s3://b/k")`, `Asset(uri="s3://b/k")`, `airflow.datasets.Dataset('...')` as unparsed source.
_DATASET = re.compile(r"""\b(?:Dataset|Asset)\(\s*(?:uri\s*=\s*)?(?P<q>['"])(?P<uri>[^'"]+)(?P=q)""")


def _uris(value: Any) -> list[str]:
    """The dataset URIs of a literal `inlets`/`outlets` value, as the AST loader renders it."""
    if isinstance(value, str):
        return [value] if "://" in value else []
    if isinstance(value, list):
        return [u for v in value for u in _uris(v)]
    if isinstance(value, dict) and isinstance(value.get("expr"), str):
        return [m["uri"] for m in _DATASET.finditer(value["expr"])]
    return []


def add(inv: Inventory, doc: Document) -> None:
    calls = doc.data.get("calls", []) if isinstance(doc.data, dict) else []
    for call in calls:
        kwargs = call.get("kwargs", {}) if isinstance(call, dict) else {}
        task = kwargs.get("task_id")
        ins, outs = _uris(kwargs.get("inlets")), _uris(kwargs.get("outlets"))
        if not isinstance(task, str) or not (ins or outs):
            continue
        job_id = f"job:{doc.path}#{task}"
        job = inv.jobs.setdefault(job_id, Job(job_id, task, doc.path))
        for uris, side in ((ins, job.inputs), (outs, job.outputs)):
            for uri in uris:
                ds = inv.dataset(f"dataset:{uri}", uri.rstrip("/").rsplit("/", 1)[-1] or uri, uri, doc.path)
                if ds.id not in side:
                    side.append(ds.id)

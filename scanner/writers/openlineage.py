"""The inventory's lineage as OpenLineage 2-0-2 events, one JSON object per line (JSON Lines:
every catalog's HTTP endpoint takes one event per request, so a file is posted line by line).

Two shapes (`--openlineage-events`):
- `static` (default): a `JobEvent` per job (DVC stage, MLflow run, provenance activity, and the
  training a model card or record declares) with its inputs and outputs, and a `DatasetEvent` per
  dataset no job reads or writes. Marquez takes these.
- `run`: the same jobs as `COMPLETE` `RunEvent`s with a run id derived from the job, for the
  catalogs that read run events only (DataHub, OpenMetadata).

Our hashes travel as a custom dataset facet `mlcomply_hashes` (with `_producer`/`_schemaURL`; its
schema ships beside the OpenLineage one) and the strongest one as the standard `version` facet.
`eventTime` is the time of the scanned commit (or `SOURCE_DATE_EPOCH`), so the same commit gives
the same file. Every event is validated against the shipped OpenLineage schema before writing.
"""

from __future__ import annotations

import json
import re
import uuid
from functools import cache
from importlib import resources
from typing import Any

from scanner import __version__
from scanner.errors import FatalError
from scanner.inventory.model import Hash, Inventory, Job, grade_of

SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json"
PRODUCER = f"https://mlcomply.dev/producer/{__version__}"
HASHES_FACET = "mlcomply_hashes"
HASHES_SCHEMA = "https://mlcomply.dev/spec/facets/1-0-0/MlcomplyHashesDatasetFacet.json"
VERSION_SCHEMA = "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json"
_URI = re.compile(r"^(?P<ns>[A-Za-z][A-Za-z0-9+.-]+://[^/]*)/?(?P<name>.*)$")


def _naming(location: str | None, fallback: str, namespace: str) -> tuple[str, str]:
    """OpenLineage dataset naming: `s3://bucket` + `key` for a URI, the repository's namespace
    and the repository path (or the record's name) otherwise."""
    m = _URI.match(location or "")
    if m and m["name"]:
        return m["ns"], m["name"]
    return namespace, location or fallback


def _hash_facets(hashes: list[Hash]) -> dict[str, Any]:
    if not hashes:
        return {}
    facet = {
        "_producer": PRODUCER,
        "_schemaURL": HASHES_SCHEMA,
        "grade": grade_of(hashes),
        "hashes": [
            {"algorithm": h.algorithm, "value": h.value, "source": h.source, "directory": h.directory} for h in hashes
        ],
    }
    best = sorted(hashes, key=lambda h: (h.grade != "strong", h.algorithm, h.value))[0]
    version = {"_producer": PRODUCER, "_schemaURL": VERSION_SCHEMA, "datasetVersion": f"{best.algorithm}:{best.value}"}
    return {HASHES_FACET: facet, "version": version}


def _dataset(inv: Inventory, node: str, namespace: str) -> dict[str, Any]:
    """An OpenLineage dataset for an inventory id: a dataset, a model file, or a model (its single
    file, else its name)."""
    if node in inv.datasets:
        d = inv.datasets[node]
        ns, name = _naming(d.location, d.name, namespace)
        return {"namespace": ns, "name": name, "facets": _hash_facets(d.hashes)}
    if node in inv.artifacts:
        a = inv.artifacts[node]
        return {"namespace": namespace, "name": a.path, "facets": _hash_facets(a.hashes)}
    m = inv.models[node]
    files = [inv.artifacts[f] for f in m.files if f in inv.artifacts]
    if len(files) == 1:
        return _dataset(inv, files[0].id, namespace)
    return {"namespace": namespace, "name": m.id.removeprefix("model:"), "facets": {}}


def _jobs(inv: Inventory) -> list[Job]:
    """The inventory's jobs; one "derivation" job per dataset or file whose upstream a record
    states without a job; one "training" job per model whose training data no job states (a
    card's `datasets:`)."""
    jobs = list(inv.jobs.values())
    derived: dict[str, set[str]] = {}  # lineage a record states without a job (prov, dvc import)
    for e in inv.edges:
        if e.via not in inv.jobs and e.target not in inv.models:
            derived.setdefault(e.target, set()).add(e.source)
    for target, sources in derived.items():
        name = target.split(":", 1)[1]
        jobs.append(Job(f"job:{name}#derivation", f"{name} derivation", target, sorted(sources), [target]))
    for m in inv.models.values():
        stated = {e.source for e in inv.upstream(m.id) if e.via in inv.jobs}
        declared = [d for d in m.datasets if d not in stated]
        if declared:
            jid = f"job:{m.id.removeprefix('model:')}#training"
            jobs.append(Job(jid, f"{m.name} training", m.sources[0] if m.sources else m.id, declared, [m.id]))
    return sorted(jobs, key=lambda j: j.id)


def events(inv: Inventory, namespace: str, event_time: str, shape: str = "static") -> list[dict[str, Any]]:
    out = []
    seen: set[str] = set()
    for job in _jobs(inv):
        ins = [_dataset(inv, i, namespace) for i in job.inputs if _known(inv, i)]
        outs = [_dataset(inv, o, namespace) for o in job.outputs if _known(inv, o)]
        seen.update(job.inputs, job.outputs)
        event: dict[str, Any] = {
            "eventTime": event_time,
            "producer": PRODUCER,
            "job": {"namespace": namespace, "name": job.id.removeprefix("job:")},
            "inputs": ins,
            "outputs": outs,
        }
        if shape == "run":
            run_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{namespace}/{job.id}@{event_time}"))
            event.update(eventType="COMPLETE", run={"runId": run_id}, schemaURL=f"{SPEC}#/$defs/RunEvent")
        else:
            event["schemaURL"] = f"{SPEC}#/$defs/JobEvent"
        out.append(event)
    if shape == "static":
        for d in sorted(inv.datasets):
            if d not in seen:
                out.append(
                    {
                        "eventTime": event_time,
                        "producer": PRODUCER,
                        "schemaURL": f"{SPEC}#/$defs/DatasetEvent",
                        "dataset": _dataset(inv, d, namespace),
                    }
                )
    return out


def _known(inv: Inventory, node: str) -> bool:
    return node in inv.datasets or node in inv.artifacts or node in inv.models


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    here = resources.files("scanner.schemas") / "openlineage"
    spec = json.loads((here / "OpenLineage-2-0-2.json").read_text(encoding="utf-8"))
    facet = json.loads((here / "MlcomplyHashesDatasetFacet.json").read_text(encoding="utf-8"))
    registry = Registry().with_resources(
        [(spec["$id"], Resource.from_contents(spec)), (facet["$id"], Resource.from_contents(facet))]
    )
    # The event schema, and our facet checked where it sits (OpenLineage leaves facets open).
    both = {"allOf": [{"$ref": spec["$id"]}, {"$ref": f"{facet['$id']}#/$defs/EventWithHashes"}]}
    return Draft202012Validator(both, registry=registry)


def validate(event: dict[str, Any]) -> None:
    """FatalError naming the failing element (its JSON path only) when `event` is not valid."""
    error = next(iter(_validator().iter_errors(event)), None)
    if error is not None:
        # `allOf` reports at the top: name the deepest element that failed under it.
        where = max(_all(error), key=lambda e: len(e.absolute_path)).json_path
        raise FatalError(f"write openlineage events: an event does not validate against OpenLineage 2-0-2 at {where}")


def _all(error: Any) -> list[Any]:
    return [error, *(x for sub in error.context for x in _all(sub))]


def to_json_lines(evs: list[dict[str, Any]]) -> str:
    for e in evs:
        validate(e)
    return "".join(json.dumps(e, sort_keys=True, ensure_ascii=False) + "\n" for e in evs)

"""OpenLineage run events (spec 2-0-x; one event per .json, or one per line of .jsonl).

Mapping (provenance-notes §4.1): run → activity (START eventTime = start, COMPLETE/FAIL/ABORT =
end); inputs → used datasets; outputs → generated entities (typed Model when they look like a
model artifact); `producer` → software agent acting on behalf of the job's `ownership` owners;
job `sourceCodeLocation` → code entity. OpenLineage has no content-hash facet: a facet field
the vocabulary names a digest (`digest`/`checksum`/`hash: "<alg>:<hex>"`, or `sha256: "<hex>"`)
is read as one (scanner/provenance/vocabulary.py normalises it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scanner.provenance import vocabulary
from scanner.provenance.graph import LOCATION, PROV, ROLE, Graph, normal_time

VOCAB = "urn:mlcomply:vocab#"  # our own terms; checks match vocabulary by local name
START, ENDS = "START", ("COMPLETE", "FAIL", "ABORT")
MODEL_SUFFIXES = (".safetensors", ".pt", ".pth", ".bin", ".onnx", ".gguf", ".h5", ".keras", ".pkl", ".joblib")


class OpenLineageError(ValueError):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def is_run_event(value: Any) -> bool:
    return isinstance(value, dict) and "eventTime" in value and isinstance(value.get("run"), dict)


def _dataset_iri(ds: dict[str, Any]) -> str:
    ns, name = str(ds.get("namespace", "")), str(ds.get("name", ""))
    return f"{ns.rstrip('/')}/{name.lstrip('/')}" if ns else name


def _facets(ds: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for key in ("facets", "inputFacets", "outputFacets"):
        facets = ds.get(key)
        if isinstance(facets, dict):
            yield from (f for f in facets.values() if isinstance(f, dict))


def _is_model(ds: dict[str, Any]) -> bool:
    for facet in _facets(ds):
        if str(facet.get("datasetType", "")).upper() == "MODEL":
            return True
    return str(ds.get("name", "")).lower().endswith(MODEL_SUFFIXES)


def _dataset(graph: Graph, ds: dict[str, Any], model: bool) -> str:
    iri = _dataset_iri(ds)
    graph.declare(iri, "entity")
    graph.add_type(iri, VOCAB + ("Model" if model else "Dataset"))
    graph.add_attribute(iri, LOCATION, iri)
    for facet in _facets(ds):
        for key, value in facet.items():
            if isinstance(value, str) and vocabulary.names_digest(key):
                graph.add_attribute(iri, VOCAB + key, value)
        if isinstance(facet.get("datasetVersion"), str):
            graph.add_attribute(iri, VOCAB + "datasetVersion", facet["datasetVersion"])
    return iri


def read(events: list[tuple[int, Any]]) -> tuple[Graph, dict[str, str]]:
    """Events with their line numbers → graph, and for each element a text to locate it by."""
    graph = Graph("openlineage")
    needles: dict[str, str] = {}
    seen: set[tuple[str, ...]] = set()

    def relate(kind: str, args: dict[str, str], attrs: dict[str, list[Any]] | None = None) -> None:
        key = (kind, *sorted(args.items()))
        if key not in seen:
            seen.add(key)
            graph.relate(kind, args, None, attrs)

    for line, event in events:
        if not is_run_event(event):
            raise OpenLineageError("not an OpenLineage run event (needs eventTime and run)", line)
        run_id, job = event["run"].get("runId"), event.get("job")
        if not isinstance(run_id, str) or not isinstance(job, dict):
            raise OpenLineageError("run event needs run.runId and job", line)
        run = f"urn:uuid:{run_id}"
        graph.declare(run, "activity")
        needles.setdefault(run, run_id)
        if job.get("name"):
            graph.add_attribute(run, VOCAB + "job", f"{job.get('namespace', '')}/{job['name']}")
        etype = str(event.get("eventType", "")).upper()
        if etype == START:
            graph.add_attribute(run, PROV + "startedAtTime", normal_time(event["eventTime"]))
        elif etype in ENDS:
            graph.add_attribute(run, PROV + "endedAtTime", normal_time(event["eventTime"]))
        for ds in event.get("inputs") or []:
            if isinstance(ds, dict):
                iri = _dataset(graph, ds, model=False)
                needles.setdefault(iri, str(ds.get("name", "")))
                relate("used", {"activity": run, "entity": iri})
        for ds in event.get("outputs") or []:
            if isinstance(ds, dict):
                iri = _dataset(graph, ds, model=_is_model(ds))
                needles.setdefault(iri, str(ds.get("name", "")))
                relate("wasGeneratedBy", {"entity": iri, "activity": run})
        producer = event.get("producer")
        if isinstance(producer, str) and producer:
            graph.declare(producer, "agent")
            graph.add_type(producer, PROV + "SoftwareAgent")
            needles.setdefault(producer, producer)
            relate("wasAssociatedWith", {"activity": run, "agent": producer})
        facets = job.get("facets") if isinstance(job.get("facets"), dict) else {}
        owners = (facets.get("ownership") or {}).get("owners") or []
        for owner in owners:
            name = owner.get("name") if isinstance(owner, dict) else None
            if not isinstance(name, str):
                continue
            iri = f"urn:openlineage:owner:{name}"
            graph.declare(iri, "agent")
            graph.add_type(iri, PROV + ("Person" if name.startswith("user:") else "Organization"))
            needles.setdefault(iri, name)
            if isinstance(producer, str) and producer:
                relate("actedOnBehalfOf", {"delegate": producer, "responsible": iri})
        code = facets.get("sourceCodeLocation")
        if isinstance(code, dict) and (code.get("url") or code.get("repoUrl")):
            iri = str(code.get("url") or code.get("repoUrl"))
            graph.declare(iri, "entity")
            graph.add_type(iri, VOCAB + "Code")
            needles.setdefault(iri, iri)
            for src, attr in (("repoUrl", "vcsUrl"), ("version", "vcsCommit"), ("path", "vcsPath")):
                if code.get(src):
                    graph.add_attribute(iri, VOCAB + attr, str(code[src]))
            relate("used", {"activity": run, "entity": iri}, {ROLE: [VOCAB + "code"]})
    return graph, needles

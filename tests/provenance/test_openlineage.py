from __future__ import annotations

import json
from pathlib import Path

from scanner.provenance import load as provenance
from scanner.provenance.completeness import failed_required
from scanner.provenance.graph import PROV, View
from scanner.walk import FileEntry

RUN = "3b452093-782c-4ef2-9c0c-aafe2aa6f34d"
JOB = {
    "namespace": "ml-training",
    "name": "churn.train",
    "facets": {
        "sourceCodeLocation": {
            "type": "git",
            "url": "https://github.com/acme/churn/blob/3ab8d2a/src/train.py",
            "repoUrl": "https://github.com/acme/churn.git",
            "path": "src/train.py",
            "version": "3ab8d2a0f40bbbc9f79a2d6a1b1d4b41c0ffee00",
        },
        "ownership": {"owners": [{"name": "user:jdoe", "type": "MAINTAINER"}]},
    },
}
PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.x/client/python"


def event(kind: str, time: str) -> dict:
    return {
        "eventType": kind,
        "eventTime": time,
        "run": {"runId": RUN},
        "job": JOB,
        "producer": PRODUCER,
        "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
        "inputs": [
            {
                "namespace": "s3://acme-data",
                "name": "churn/train/v7",
                "facets": {"digest": {"digest": "sha256:" + "ab" * 32}},
            }
        ],
        "outputs": [{"namespace": "s3://acme-models", "name": "churn/3/model.safetensors"}],
    }


def load(tmp_path: Path, name: str, text: str) -> View:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    entry = FileEntry(name, path, path.stat().st_size, False)
    assert provenance.detect(entry) == "openlineage"
    return View(provenance.load(entry)[0].data)


def test_start_and_complete_events_make_one_timed_run(tmp_path: Path) -> None:
    lines = "\n".join(
        json.dumps(e) for e in (event("START", "2026-01-05T10:00:00Z"), event("COMPLETE", "2026-01-05T11:30:00Z"))
    )
    v = load(tmp_path, "events.jsonl", lines + "\n")
    run = v.elements["urn:uuid:" + RUN]
    assert run["attributes"][PROV + "startedAtTime"] == ["2026-01-05T10:00:00+00:00"]
    assert run["attributes"][PROV + "endedAtTime"] == ["2026-01-05T11:30:00+00:00"]
    assert v.has_type("s3://acme-models/churn/3/model.safetensors", "Model")
    assert v.has_type("urn:openlineage:owner:user:jdoe", "Person")
    # OpenLineage has no model hash and no environment: exactly those checks fail (notes §4.5).
    assert failed_required(v) == ["C1", "C7"]


def test_events_of_a_data_job_describe_no_model(tmp_path: Path) -> None:
    e = event("COMPLETE", "2026-01-05T11:30:00Z")
    e["outputs"] = [{"namespace": "s3://acme-data", "name": "churn/prepared/v7"}]
    v = load(tmp_path, "event.json", json.dumps(e))
    assert failed_required(v) == []


def test_bad_line_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(event("START", "2026-01-05T10:00:00Z")) + '\n{"eventTime": 1, "runId": 2}\n')
    entry = FileEntry("events.jsonl", path, path.stat().st_size, False)
    try:
        provenance.load(entry)
    except provenance.LoadError as exc:
        assert exc.line == 2
    else:
        raise AssertionError("expected a LoadError")


def test_facet_digests_in_vocabulary_forms(tmp_path: Path) -> None:
    e = event("COMPLETE", "2024-05-01T10:30:00Z")
    e["inputs"][0]["facets"] = {"storage": {"sha256": "AB" * 32}, "custom": {"checksum": "md5:" + "01" * 16}}
    v = load(tmp_path, "run.json", json.dumps(e))
    data = next(iri for iri in v.elements if iri.endswith("churn/train/v7"))
    assert sorted(v.digests(data)) == ["md5:" + "01" * 16, "sha256:" + "ab" * 32]

"""OpenLineage 2-0-2 events: valid against the shipped schema, naming training data and hashes."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner.errors import FatalError
from scanner.inventory.build import build
from scanner.inventory.model import Inventory
from scanner.rulesets import load_ruleset
from scanner.scan import scan
from scanner.writers import openlineage
from tests.inventory import repo

NS = "mlcomply://test"
AT = "2026-01-05T11:30:00Z"


def inventory(root: Path) -> Inventory:
    result = scan([root], load_ruleset([], [], builtin=False))
    return build(result.docs, result.root)[0]


def lines(inv: Inventory, shape: str = "static") -> list[dict[str, Any]]:
    text = openlineage.to_json_lines(openlineage.events(inv, NS, AT, shape))  # validates each event
    return [json.loads(line) for line in text.splitlines()]


def job(events: list[dict[str, Any]], name: str) -> dict[str, Any]:
    [found] = [e for e in events if e.get("job", {}).get("name") == name]
    return found


@pytest.fixture(scope="module")
def example_locked(tmp_path_factory: pytest.TempPathFactory) -> Inventory:
    return inventory(repo.example(tmp_path_factory.mktemp("ol") / "ex", with_lock=True))


def test_the_example_names_the_models_training_data_with_its_hash(example_locked: Inventory) -> None:
    events = lines(example_locked)
    assert [e["job"]["name"] for e in events] == ["dvc.yaml#prepare", "dvc.yaml#train", "models/churn#training"]
    train = job(events, "dvc.yaml#train")
    assert train["schemaURL"] == "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent"
    [data] = train["inputs"]
    assert (data["namespace"], data["name"]) == (NS, "data/train.csv")
    facet = data["facets"]["mlcomply_hashes"]
    assert facet["hashes"] == [
        {"algorithm": "md5", "value": repo.md5(repo.TRAIN), "source": "dvc.lock", "directory": False}
    ]
    assert facet["grade"] == "weak" and facet["_producer"] == openlineage.PRODUCER
    assert data["facets"]["version"]["datasetVersion"] == f"md5:{repo.md5(repo.TRAIN)}"
    assert [o["name"] for o in train["outputs"]] == ["models/churn/model.pkl"]
    # the card's dataset, which no stage reads, is named as the model's training data too
    declared = job(events, "models/churn#training")
    assert [(d["name"], d["facets"]) for d in declared["inputs"]] == [("acme/churn-events", {})]


def test_the_bundled_example_names_the_models_training_data_with_its_locked_hash(tmp_path: Path) -> None:
    """The example as shipped: its dvc.lock pins the prepare stage, whose output the train stage reads."""
    lock = yaml.safe_load((repo.REPO_ROOT / "examples" / "ml-platform" / "dvc.lock").read_text())
    [declared] = [o["md5"] for o in lock["stages"]["prepare"]["outs"] if o["path"] == "data/train.csv"]
    events = lines(inventory(repo.example(tmp_path / "ex")))
    [data] = job(events, "dvc.yaml#train")["inputs"]
    assert data["name"] == "data/train.csv"
    assert data["facets"]["mlcomply_hashes"]["hashes"] == [
        {"algorithm": "md5", "value": declared, "source": "dvc.lock", "directory": False}
    ]
    # the train stage is not locked: the model it writes carries no hash
    [model] = job(events, "dvc.yaml#train")["outputs"]
    assert "mlcomply_hashes" not in model["facets"]


def test_run_events_for_the_catalogs_that_read_only_those(example_locked: Inventory) -> None:
    events = lines(example_locked, "run")
    assert {e["eventType"] for e in events} == {"COMPLETE"}
    ids = [e["run"]["runId"] for e in events]
    assert len(set(ids)) == len(ids) and all(uuid.UUID(i).version == 5 for i in ids)
    assert ids == [e["run"]["runId"] for e in lines(example_locked, "run")]  # derived, not random


def test_every_source_and_the_lineage_no_job_states(tmp_path: Path) -> None:
    events = lines(inventory(repo.make(tmp_path / "r")))
    names = {e["job"]["name"] for e in events if "job" in e}
    assert {
        "dags/export.py#export",
        "dvc.yaml#train",
        "mlflow#r1",
        "models/clf/model.prov.json#run",
        "data/raw.csv#derivation",
        "data/train.csv#derivation",
    } <= names
    export = job(events, "dags/export.py#export")
    assert [(d["namespace"], d["name"]) for d in export["outputs"]] == [("s3://acme", "reviews/train.parquet")]
    run = job(events, "models/clf/model.prov.json#run")
    [data] = run["inputs"]
    assert {h["algorithm"]: h["value"] for h in data["facets"]["mlcomply_hashes"]["hashes"]} == {
        "md5": repo.md5(repo.TRAIN),
        "sha256": repo.sha256(repo.TRAIN),
    }
    assert data["facets"]["version"]["datasetVersion"] == f"sha256:{repo.sha256(repo.TRAIN)}"  # the strong one


def test_an_invalid_event_is_refused(example_locked: Inventory) -> None:
    event = openlineage.events(example_locked, NS, AT)[1]
    broken = copy.deepcopy(event)
    del broken["inputs"][0]["facets"]["mlcomply_hashes"]["_producer"]
    with pytest.raises(FatalError, match=r"write openlineage events: .* at \$\.inputs\[0\]"):
        openlineage.validate(broken)
    no_time = copy.deepcopy(event)
    del no_time["eventTime"]
    with pytest.raises(FatalError, match="does not validate"):
        openlineage.validate(no_time)

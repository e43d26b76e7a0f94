"""The inventory against what the files of a repository say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.documents import Document
from scanner.inventory.build import build
from scanner.inventory.model import Inventory, grade_of
from scanner.rulesets import load_ruleset
from scanner.scan import scan
from tests.inventory import repo


def inventory(root: Path) -> Inventory:
    result = scan([root], load_ruleset([], [], builtin=False))
    inv, notes = build(result.docs, result.root)
    assert notes == []
    return inv


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Inventory:
    return inventory(repo.make(tmp_path_factory.mktemp("inv") / "repo"))


def test_card_record_and_mlmodel_of_one_folder_are_one_model(rich: Inventory) -> None:
    [model] = rich.models.values()
    assert model.id == "model:models/clf"
    assert (model.name, model.license, model.task, model.version) == (
        "review-clf",
        "mit",
        "text-classification",
        "7d9c0e1f",
    )
    assert model.sources == ["models/clf/MLmodel", "models/clf/README.md", "models/clf/model.prov.json"]
    assert model.metrics == [{"type": "f1", "value": "0.91", "dataset": "Reviews"}]
    assert model.limitations == ["Trained on English reviews only; it fails on sarcasm."]
    assert model.ethical == ["Reviews may name people; names were removed before training."]
    assert model.files == ["file:models/clf/model.pkl"]


def test_training_data_from_card_dvc_provenance_and_mlflow(rich: Inventory) -> None:
    [model] = rich.models.values()
    assert model.datasets == [
        "dataset:acme/reviews",  # the card's datasets
        "dataset:data/train.csv",  # dvc.lock stage and the provenance record
        "dataset:s3://acme/reviews/train.parquet",  # the MLflow run's input
    ]


def test_hashes_are_the_files_hashes(rich: Inventory) -> None:
    model_file = rich.artifacts["file:models/clf/model.pkl"]
    assert {(h.algorithm, h.value, h.source) for h in model_file.hashes} == {
        ("sha256", repo.sha256(repo.MODEL), "computed"),
        ("sha256", repo.sha256(repo.MODEL), "models/clf/model.prov.json"),
        ("md5", repo.md5(repo.MODEL), "dvc.lock"),
    }
    train = rich.datasets["dataset:data/train.csv"]
    assert {(h.algorithm, h.value, h.source) for h in train.hashes} == {
        ("md5", repo.md5(repo.TRAIN), "dvc.lock"),
        ("sha256", repo.sha256(repo.TRAIN), "models/clf/model.prov.json"),
    }
    assert train.license == "cc-by-4.0"
    raw = rich.datasets["dataset:data/raw.csv"]
    assert [(h.algorithm, h.value, h.grade) for h in raw.hashes] == [("md5", repo.RAW_MD5, "weak")]
    # MLflow's digest fingerprints a sample: a property, never a hash
    assert rich.datasets["dataset:s3://acme/reviews/train.parquet"].hashes == []
    assert rich.datasets["dataset:s3://acme/reviews/train.parquet"].properties == {"mlflow:digest": "8b2f1e0c"}


def test_model_file_format_and_pickle_verdict(rich: Inventory) -> None:
    art = rich.artifacts["file:models/clf/model.pkl"]
    assert (art.format, art.size, art.pickle_verdict) == ("pickle", len(repo.MODEL), "safe")


def test_upstream_lineage(rich: Inventory) -> None:
    def sources(target: str) -> set[str]:
        return {e.source for e in rich.upstream(target)}

    assert sources("dataset:data/train.csv") == {"dataset:data/raw.csv"}  # provenance wasDerivedFrom
    imported = f"dataset:https://github.com/acme/data-registry/reviews/raw.csv@{repo.IMPORT_REV}"
    assert sources("dataset:data/raw.csv") == {imported}  # dvc import
    assert sources("dataset:s3://acme/reviews/train.parquet") == {"dataset:s3://acme/raw/reviews.jsonl"}  # Airflow
    assert rich.jobs["job:dags/export.py#export"].outputs == ["dataset:s3://acme/reviews/train.parquet"]
    assert rich.jobs["job:dvc.yaml#train"].inputs == ["dataset:data/train.csv"]


def test_the_example_repository(tmp_path: Path) -> None:
    inv = inventory(repo.example(tmp_path / "ex"))
    [model] = inv.models.values()
    assert (model.id, model.name, model.license, model.task) == (
        "model:models/churn",
        "Churn classifier",
        "apache-2.0",
        "tabular-classification",
    )
    assert model.files == ["file:models/churn/model.pkl"]
    assert model.datasets == ["dataset:acme/churn-events", "dataset:data/train.csv"]
    assert {e.source for e in inv.upstream("dataset:data/train.csv")} == {"dataset:data/raw.csv"}
    # its dvc.lock pins only the prepare stage (raw.csv in, train.csv out); the train stage and the
    # card's hub dataset are pinned by nothing
    pinned = {d.id for d in inv.datasets.values() if d.hashes}
    assert pinned == {"dataset:data/raw.csv", "dataset:data/train.csv"}
    assert not inv.artifacts["file:models/churn/model.pkl"].hashes


def test_a_model_file_no_card_describes_is_a_model_of_its_own(tmp_path: Path) -> None:
    inv = inventory(repo.init_repo(tmp_path / "r", {"weights/net.pkl": repo.MODEL}))
    assert list(inv.models) == ["model:weights/net.pkl"]
    assert inv.models["model:weights/net.pkl"].name == "net"


def test_an_unreadable_record_costs_that_record_only(tmp_path: Path) -> None:
    root = repo.make(tmp_path / "r")
    result = scan([root], load_ruleset([], [], builtin=False))
    broken = Document("provenance", "zz/broken.prov.json", {"elements": {"x": {"no kind": 1}}})
    inv, notes = build([*result.docs, broken], result.root)
    assert notes == ["inventory zz/broken.prov.json: KeyError; left out"]
    assert list(inv.models) == ["model:models/clf"]


def test_unsafe_pickle_verdict(tmp_path: Path) -> None:
    # os.system("id") by opcodes: GLOBAL posix.system, a tuple of one string, REDUCE
    evil = b"\x80\x04cposix\nsystem\n\x8c\x02id\x85R."
    inv = inventory(repo.init_repo(tmp_path / "r", {"m/model.pkl": evil}))
    assert inv.artifacts["file:m/model.pkl"].pickle_verdict == "unsafe"


def test_the_grade_counts_what_records_declare_not_what_we_computed(tmp_path: Path) -> None:
    inv = inventory(repo.init_repo(tmp_path / "r", {"weights/net.pkl": repo.MODEL}))
    art = inv.artifacts["file:weights/net.pkl"]
    assert [(h.algorithm, h.source) for h in art.hashes] == [("sha256", "computed")]
    assert grade_of(art.hashes) == "none"  # nothing in the repository pins this file


def test_without_hashing_files_only_declared_hashes_remain(tmp_path: Path) -> None:
    root = repo.make(tmp_path / "r")
    result = scan([root], load_ruleset([], [], builtin=False))
    inv, _ = build(result.docs, result.root, hash_files=False)
    assert {h.source for h in inv.artifacts["file:models/clf/model.pkl"].hashes} == {
        "dvc.lock",
        "models/clf/model.prov.json",
    }


def test_weights_no_loader_reads_and_a_cards_checksum_line(tmp_path: Path) -> None:
    weights = b"\x08\x00\x00\x00\x00\x00\x00\x00{}      "
    card = (
        "---\nlibrary_name: transformers\n---\n# Tiny\n\n## Files\n\n"
        f"| model.safetensors | sha256:{repo.sha256(weights)} |\n"
        f"| data/eval.csv | {repo.sha256(b'x,y')} |\n"
        f"two hashes on one line are nobody's: model.safetensors {'a' * 64} {'b' * 64}\n"
    )
    root = repo.init_repo(
        tmp_path / "r", {"hub/README.md": card, "hub/model.safetensors": weights, "data/eval.csv": b"x,y"}
    )
    result = scan([root], load_ruleset([], [], builtin=False))
    files = {"hub/README.md", "hub/model.safetensors", "data/eval.csv"}
    inv, notes = build(result.docs, result.root, files=files)
    assert notes == []
    art = inv.artifacts["file:hub/model.safetensors"]
    assert art.format == "safetensors"
    assert {(h.value, h.source) for h in art.hashes} == {
        (repo.sha256(weights), "computed"),
        (repo.sha256(weights), "hub/README.md"),
    }
    assert inv.models["model:hub"].files == ["file:hub/model.safetensors"]
    assert [(h.value, h.source) for h in inv.datasets["dataset:data/eval.csv"].hashes] == [
        (repo.sha256(b"x,y"), "hub/README.md")
    ]


def test_a_stages_code_is_not_data(tmp_path: Path) -> None:
    dvc_yaml = "stages:\n  train:\n    cmd: python src/train.py\n    deps: [src/train.py, data/f.csv]\n"
    dvc_yaml += "    outs: [m.pkl]\n"
    inv = inventory(repo.init_repo(tmp_path / "r", {"dvc.yaml": dvc_yaml}))
    assert sorted(inv.datasets) == ["dataset:data/f.csv"]
    assert inv.models["model:m.pkl"].datasets == ["dataset:data/f.csv"]


def test_an_openlineage_run_of_a_data_job_is_a_job(tmp_path: Path) -> None:
    event = {
        "eventType": "COMPLETE",
        "eventTime": "2026-01-05T10:00:00Z",
        "producer": "https://example.org/etl",
        "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
        "run": {"runId": "0f4c1a7e-3b2d-4e5f-8a9b-0c1d2e3f4a5b"},
        "job": {"namespace": "etl", "name": "clean_reviews"},
        "inputs": [{"namespace": "s3://acme", "name": "raw/reviews.jsonl"}],
        "outputs": [{"namespace": "s3://acme", "name": "clean/reviews.parquet"}],
    }
    inv = inventory(repo.init_repo(tmp_path / "r", {"lineage/clean.json": json.dumps(event)}))
    [job] = inv.jobs.values()
    assert job.namespace == "lineage/clean.json"
    assert (job.inputs, job.outputs) == (
        ["dataset:s3://acme/raw/reviews.jsonl"],
        ["dataset:s3://acme/clean/reviews.parquet"],
    )
    assert {e.source for e in inv.upstream("dataset:s3://acme/clean/reviews.parquet")} == {
        "dataset:s3://acme/raw/reviews.jsonl"
    }


def test_credentials_in_a_dataset_url_never_reach_the_inventory(tmp_path: Path) -> None:
    token = "glpat-" + "x7Yq2Lm9Pz4Rt6Wv8Bn3"  # a GitLab token shape the secrets detector knows
    dvc_file = (
        "outs:\n- path: raw.csv\n  md5: 0cc175b9c0f1b6a831c399e269772661\ndeps:\n- path: raw.csv\n"
        f"  repo:\n    url: https://bot:{token}@github.com/acme/data\n    rev_lock: {repo.IMPORT_REV}\n"
    )
    dag = (
        "from airflow import DAG\nfrom airflow.operators.bash import BashOperator\n"
        f"BashOperator(task_id='t', bash_command='x', outlets=['s3://bucket/key?private_token={token}'])\n"
    )
    inv = inventory(repo.init_repo(tmp_path / "r", {"data/raw.csv.dvc": dvc_file, "dags/d.py": dag}))
    text = repr(inv)
    assert token not in text and "bot:" not in text
    assert "dataset:https://github.com/acme/data/raw.csv@" + repo.IMPORT_REV in inv.datasets

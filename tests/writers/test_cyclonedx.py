"""The CycloneDX 1.6 ML-BOM: valid against the official schema, what the files say, deterministic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner.errors import FatalError
from scanner.inventory.build import build
from scanner.rulesets import load_ruleset
from scanner.scan import scan
from scanner.writers import cyclonedx
from tests.inventory import repo


def bom_of(root: Path) -> dict[str, Any]:
    result = scan([root], load_ruleset([], [], builtin=False))
    inv, _ = build(result.docs, result.root)
    bom = cyclonedx.to_cyclonedx(inv, result.root.name)
    cyclonedx.validate(json.dumps(bom))  # raises unless the official 1.6 schema accepts it
    return bom


def components(bom: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["bom-ref"]: c for c in bom["components"]}


def depends(bom: dict[str, Any]) -> dict[str, list[str]]:
    return {d["ref"]: d.get("dependsOn", []) for d in bom["dependencies"]}


def props(component: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p["name"], p["value"]) for p in component.get("properties", [])]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return bom_of(repo.example(tmp_path_factory.mktemp("cdx") / "ex"))


def test_the_example_bom_has_its_model_data_and_file(example: dict[str, Any]) -> None:
    found = components(example)
    assert {ref: c["type"] for ref, c in found.items()} == {
        "model:models/churn": "machine-learning-model",
        "dataset:acme/churn-events": "data",
        "dataset:data/raw.csv": "data",
        "dataset:data/train.csv": "data",
        "file:models/churn/model.pkl": "file",
    }
    model = found["model:models/churn"]
    assert model["name"] == "Churn classifier"
    assert model["licenses"] == [{"license": {"id": "Apache-2.0"}}]  # the card's `license: apache-2.0`
    assert model["modelCard"] == {
        "modelParameters": {
            "task": "tabular-classification",
            "datasets": [{"ref": "dataset:acme/churn-events"}, {"ref": "dataset:data/train.csv"}],
        }
    }  # "Intended uses & limitations" is the template's placeholder: no limitation is stated
    assert found["dataset:data/train.csv"]["data"] == [
        {"type": "dataset", "name": "train.csv", "contents": {"url": "data/train.csv"}}
    ]


def test_the_example_bom_dependencies_are_its_lineage(example: dict[str, Any]) -> None:
    assert depends(example) == {
        "repository": ["model:models/churn"],
        "model:models/churn": ["dataset:acme/churn-events", "dataset:data/train.csv", "file:models/churn/model.pkl"],
        "file:models/churn/model.pkl": ["dataset:data/train.csv"],  # dvc.yaml stage train
        "dataset:data/train.csv": ["dataset:data/raw.csv"],  # dvc.yaml stage prepare
        "dataset:data/raw.csv": [],
        "dataset:acme/churn-events": [],
    }


def test_the_example_bom_carries_the_hashes_its_lock_declares_and_no_other(example: dict[str, Any]) -> None:
    lock = yaml.safe_load((repo.REPO_ROOT / "examples" / "ml-platform" / "dvc.lock").read_text())
    declared = {f["path"]: f["md5"] for f in lock["stages"]["prepare"]["deps"] + lock["stages"]["prepare"]["outs"]}
    found = components(example)
    for path in ("data/raw.csv", "data/train.csv"):
        assert found[f"dataset:{path}"]["hashes"] == [{"alg": "MD5", "content": declared[path]}]
        assert ("mlcomply:hash-grade", "weak") in props(found[f"dataset:{path}"])
    for ref in ("dataset:acme/churn-events", "file:models/churn/model.pkl"):  # the train stage is not locked
        assert ("mlcomply:hash-grade", "none") in props(found[ref])


def test_the_example_with_its_lock_carries_the_lock_hashes(tmp_path: Path) -> None:
    found = components(bom_of(repo.example(tmp_path / "ex", with_lock=True)))
    assert found["dataset:data/train.csv"]["hashes"] == [{"alg": "MD5", "content": repo.md5(repo.TRAIN)}]
    assert found["file:models/churn/model.pkl"]["hashes"] == [{"alg": "MD5", "content": repo.md5(repo.MODEL)}]
    assert ("mlcomply:hash-grade", "weak") in props(found["dataset:data/train.csv"])


def test_a_bom_of_every_source(tmp_path: Path) -> None:
    found = components(bom_of(repo.make(tmp_path / "r")))
    model = found["model:models/clf"]
    assert (model["name"], model["version"], model["licenses"]) == (
        "review-clf",
        "7d9c0e1f",
        [{"license": {"id": "MIT"}}],
    )
    # one model file: its hashes are the model's
    assert model["hashes"] == [
        {"alg": "MD5", "content": repo.md5(repo.MODEL)},
        {"alg": "SHA-256", "content": repo.sha256(repo.MODEL)},
    ]
    card = model["modelCard"]
    assert card["quantitativeAnalysis"] == {"performanceMetrics": [{"type": "f1", "value": "0.91", "slice": "Reviews"}]}
    assert card["considerations"] == {
        "technicalLimitations": ["Trained on English reviews only; it fails on sarcasm."],
        "ethicalConsiderations": [{"name": "Reviews may name people; names were removed before training."}],
    }
    file_props = props(found["file:models/clf/model.pkl"])
    assert ("mlcomply:format", "pickle") in file_props and ("mlcomply:pickle-verdict", "safe") in file_props
    train = found["dataset:data/train.csv"]
    assert train["licenses"] == [{"license": {"id": "CC-BY-4.0"}}]
    assert train["hashes"] == [
        {"alg": "MD5", "content": repo.md5(repo.TRAIN)},
        {"alg": "SHA-256", "content": repo.sha256(repo.TRAIN)},
    ]
    assert ("mlcomply:hash-grade", "strong") in props(train)


def test_the_bom_is_deterministic(tmp_path: Path) -> None:
    a = bom_of(repo.make(tmp_path / "a"))
    b = bom_of(repo.make(tmp_path / "b"))
    a["metadata"]["component"]["name"] = b["metadata"]["component"]["name"]  # the folders' names differ
    assert json.dumps(a) == json.dumps(b)
    assert "serialNumber" not in a and "timestamp" not in a["metadata"]


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("apache-2.0", [{"license": {"id": "Apache-2.0"}}]),
        ("other", [{"license": {"name": "other"}}]),
        ("MIT OR Apache-2.0", [{"expression": "MIT OR Apache-2.0"}]),
        (None, []),
    ],
)
def test_licences(declared: str | None, expected: list[dict[str, Any]]) -> None:
    assert cyclonedx._licenses(declared) == expected


def test_an_invalid_bom_is_refused_naming_the_element() -> None:
    with pytest.raises(FatalError, match=r"write cyclonedx bom: .* at \$\.version"):
        cyclonedx.validate('{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": "one"}')


def test_a_dataset_in_the_tree_carries_the_merkle_root_the_results_record(tmp_path: Path) -> None:
    """The BOM and the JSON results name one root for the same data (scanner.integrity)."""
    from scanner.integrity.merkle import file_sha256, merkle_root
    from tests.conftest import run_cli

    root = repo.example(tmp_path / "ex", with_lock=True)
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "train.csv").write_bytes(repo.TRAIN)  # pulled: the data is in the workspace
    bom_file, results = tmp_path / "bom.json", tmp_path / "results.json"
    args = ("--cyclonedx-output", bom_file, "--json-output", results, "--fail-on", "none")
    proc = run_cli("scan", root, *args)
    assert proc.returncode == 0, proc.stderr
    [recorded] = [d for d in json.loads(results.read_text())["datasets"] if d["path"] == "data/train.csv"]
    with (root / "data" / "train.csv").open("rb") as fh:
        expected = merkle_root([("train.csv", file_sha256(fh)[0])])
    assert recorded["merkle_root"] == expected
    found = components(json.loads(bom_file.read_text()))
    assert ("mlcomply:merkle-root", f"mlcomply-merkle-v1:{expected}") in props(found["dataset:data/train.csv"])
    assert ("mlcomply:merkle-files", "1") in props(found["dataset:data/train.csv"])
    # the same from `mlcomply bom`, which runs no rules and computes the digests itself
    proc = run_cli("bom", root, "--output", tmp_path / "bom2.json")
    assert proc.returncode == 0, proc.stderr
    again = components(json.loads((tmp_path / "bom2.json").read_text()))
    assert ("mlcomply:merkle-root", f"mlcomply-merkle-v1:{expected}") in props(again["dataset:data/train.csv"])
    assert not any(k == "mlcomply:merkle-root" for k, _ in props(again["dataset:data/raw.csv"]))  # not pulled

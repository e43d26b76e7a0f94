"""The provenance vocabulary: producers' own terms (yProv4ML / PROV-ML, MLflow2PROV, digests as
`<alg>: <hex>` attributes, code typed SourceCode) read as ours, and the config adds more."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scanner.provenance import vocabulary
from scanner.provenance.graph import Graph
from scanner.rulesets import RuleSet
from scanner.scan import scan
from tests.conftest import REPO_ROOT, run_cli, write_files

# A record shaped as yProv4ML writes it: `provml` declared as the non-IRI `prov-ml`, the default
# namespace an experiment name, the model's path in dcterms:identifier, digests as `ex:sha256`.
YPROV = json.loads((REPO_ROOT / "tests/fixtures/provenance/yprov4ml-record.json").read_text(encoding="utf-8"))


def _scan(tmp_path: Path, rules: RuleSet, record: dict[str, Any], **kwargs: Any) -> list[tuple[str, str]]:
    write_files(tmp_path, {"prov/run.json": json.dumps(record, indent=2)})
    result = scan([tmp_path], rules, **kwargs)
    assert result.errors == []
    return sorted((f.rule_id, f.message) for f in result.findings if f.rule_id.startswith("MLC-PROV"))


def test_yprov4ml_record_names_its_model(tmp_path: Path, builtin_rules: RuleSet) -> None:
    found = _scan(tmp_path, builtin_rules, YPROV)
    rules = {r for r, _ in found}
    # The model, its digest and location, code with its commit, the hyperparameters: all read.
    assert not rules & {"MLC-PROV-MODEL-001", "MLC-PROV-CODE-001", "MLC-PROV-PARAMS-001", "MLC-PROV-DATA-001"}
    # Ids print as written, never glued to a namespace that is no IRI ("contextContext.TRAINING").
    assert ("MLC-PROV-ENV-001", "training run Context.TRAINING: used no environment entity (role environment)") in found


def test_its_twin_without_a_model_type_still_has_no_model(tmp_path: Path, builtin_rules: RuleSet) -> None:
    twin = json.loads(json.dumps(YPROV))
    twin["entity"]["mnist_model"]["prov:type"] = "provml:Artifact"
    found = _scan(tmp_path, builtin_rules, twin)
    assert ("MLC-PROV-MODEL-001", "no model artifact: declare the model as an entity with prov:type Model") in found


@pytest.mark.parametrize(
    ("name", "value", "digest"),
    [
        ("http://example.org/sha256", "AB" * 32, "sha256:" + "ab" * 32),
        ("urn:x:sha512", "cd" * 64, "sha512:" + "cd" * 64),
        ("http://example.org/md5", "01" * 16, "md5:" + "01" * 16),
        ("http://example.org/checksum", "MD5:" + "01" * 16, "md5:" + "01" * 16),
        ("https://mlcommons.org/croissant/hash", "sha256:" + "ef" * 32, "sha256:" + "ef" * 32),
        ("http://example.org/sha256", "not-hex", None),
        ("http://example.org/sha256", "ab" * 16, None),  # a 32-hex value is no sha256
        ("http://example.org/checksum", "ab" * 32, None),  # no algorithm named: not guessed
        ("http://example.org/size", "1234", None),
    ],
)
def test_digest_forms(name: str, value: str, digest: str | None) -> None:
    g = Graph("prov-json")
    g.declare("urn:e", "entity")
    g.add_attribute("urn:e", name, value)
    vocabulary.normalise(g, vocabulary.Vocabulary())
    assert g.elements["urn:e"]["attributes"].get(vocabulary.NS + "digest") == ([digest] if digest else None)


@pytest.mark.parametrize(
    ("declared", "canonical"),
    [
        ("http://example.org/SourceCode", "Code"),
        ("https://schema.org/SoftwareSourceCode", "Code"),
        ("ModelArtifact", "Model"),  # MLflow2PROV writes its types as plain strings
        ("provml:HyperParameter", "Hyperparameters"),
        ("http://example.org/Checkpoint", None),
    ],
)
def test_types_by_local_name(declared: str, canonical: str | None) -> None:
    g = Graph("prov-json")
    g.declare("urn:e", "entity")
    g.add_type("urn:e", declared)
    vocabulary.normalise(g, vocabulary.Vocabulary())
    added = [t for t in g.elements["urn:e"]["types"] if t.startswith(vocabulary.NS)]
    assert added == ([vocabulary.NS + canonical] if canonical else [])


def test_config_adds_terms_end_to_end(tmp_path: Path) -> None:
    record = json.loads(json.dumps(YPROV))
    record["entity"]["mnist_model"]["prov:type"] = "provml:Checkpoint"
    repo = tmp_path / "repo"
    write_files(repo, {"prov/run.json": json.dumps(record)})
    config = tmp_path / "mlcomply.yaml"

    def model_missing(config_text: str | None) -> bool:
        args: list[str | Path] = ["scan", repo, "--json-output", tmp_path / "out.json", "--fail-on", "none"]
        if config_text is not None:
            config.write_text(config_text, encoding="utf-8")
            args += ["--config", config]
        proc = run_cli(*args)
        assert proc.returncode == 0, proc.stderr
        found = json.loads((tmp_path / "out.json").read_text())["findings"]
        return any(f["rule_id"] == "MLC-PROV-MODEL-001" for f in found)

    assert model_missing(None)
    assert not model_missing("provenance:\n  vocabulary:\n    types:\n      Model: [Checkpoint]\n")
    config.write_text("provenance:\n  vocabulary:\n    kinds: {}\n", encoding="utf-8")
    proc = run_cli("scan", repo, "--config", config)
    assert proc.returncode == 2 and "read config" in proc.stderr


CARD = "---\nlicense: mit\ndatasets:\n  - {ds}\n---\n# MNIST classifier\n"


@pytest.mark.parametrize(
    ("card_dataset", "disagree"),
    [
        ("ylecun/mnist", False),  # a Hub id; the record's entity is `mnist_train` labelled MNIST
        ("uoft/cifar10", True),
    ],
)
def test_card_and_record_datasets_match_by_last_segment_or_label(
    card_dataset: str, disagree: bool, tmp_path: Path, builtin_rules: RuleSet
) -> None:
    write_files(tmp_path, {"run/prov.json": json.dumps(YPROV), "run/MODEL_CARD.md": CARD.format(ds=card_dataset)})
    result = scan([tmp_path], builtin_rules)
    found = [f.message for f in result.findings if f.rule_id == "MLC-INTEG-DATASETS-001"]
    assert bool(found) is disagree, found

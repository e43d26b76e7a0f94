"""The files mutations start from: the example repository's files and a typical file of every
document kind, each with a planted finding so that a scan that silently drops the file shows.

A seed's `marker` is the byte string behind its planted finding (a GitHub token, or the pickle's
`os.system` import). While a mutant still holds the marker intact, the scanner must report the
file: a finding on it, or a scan error naming it.
"""

from __future__ import annotations

import json
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner.secrets.checksums import github_token
from tests.artifact_builders import Payload, npy, torch_zip

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = REPO_ROOT / "examples" / "ml-platform"

# Checksum-valid, assembled at run time, so no token-shaped literal sits in the source tree.
TOKEN = github_token("ghp_", "Zq7Kx2Wm9Rt4Lp3Vn8Bc5Hd6Jf1Gs0")
PICKLE_MARKER = b"system"


@dataclass(frozen=True)
class Seed:
    rel: str
    content: bytes
    syntax: str  # json | yaml | hcl | python | markdown | csv | jsonl | turtle | dockerfile | binary
    marker: bytes
    inner_pickle: bytes | None = None  # model files: the pickle stream inside the container


def _comment(syntax: str) -> str:
    return {"yaml": "#", "hcl": "#", "python": "#", "turtle": "#", "dockerfile": "#"}.get(syntax, "")


def _plant_json(rel: str, doc: dict[str, Any]) -> dict[str, Any]:
    """Put the token where the file's format reads a value (an unknown top-level key is an error
    in PROV-JSON and Terraform JSON, and notebooks are scanned cell by cell)."""
    if rel.endswith(".ipynb"):
        doc["cells"][0]["source"] = [*doc["cells"][0]["source"], f"\n# deploy token {TOKEN}"]
    elif rel.endswith(".prov.json"):
        next(iter(doc["entity"].values()))["ex:token"] = TOKEN
    elif rel.endswith(".tf.json"):
        for resource in doc["resource"]["aws_s3_bucket"].values():
            resource["tags"] = {"token": TOKEN}
    elif rel.endswith("plan.json"):
        for resource in doc["planned_values"]["root_module"]["resources"]:
            resource["values"]["tags"] = {"token": TOKEN}
    else:
        doc["api_token"] = TOKEN
    return doc


def planted(rel: str, text: str, syntax: str) -> Seed:
    """`text` with the token planted where the syntax keeps the file valid."""
    if syntax == "json":
        body = json.dumps(_plant_json(rel, json.loads(text)), indent=1) + "\n"
    elif syntax == "jsonl":
        first, *rest = text.splitlines()
        body = "\n".join([json.dumps({**json.loads(first), "api_token": TOKEN}), *rest]) + "\n"
    elif syntax == "csv":
        columns = text.split("\n", 1)[0].count(",") + 1
        body = text.rstrip("\n") + "\n" + ",".join(["token", TOKEN, *[""] * (columns - 2)]) + "\n"
    elif syntax == "markdown":
        body = text.rstrip("\n") + f"\n\nAccess token used for the demo: {TOKEN}\n"
    else:
        body = f"{_comment(syntax)} deploy token {TOKEN}\n{text}"
    return Seed(rel, body.encode(), syntax, TOKEN.encode())


def _example_syntax(rel: str) -> str:
    suffix = Path(rel).suffix
    syntaxes = {".tf": "hcl", ".yaml": "yaml", ".yml": "yaml", ".lock": "yaml", ".ipynb": "json", ".md": "markdown"}
    return {**syntaxes, ".csv": "csv"}[suffix]  # dvc.lock is YAML


def example_seeds() -> list[Seed]:
    seeds = []
    for path in sorted(p for p in EXAMPLE.rglob("*") if p.is_file()):
        rel = path.relative_to(EXAMPLE).as_posix()
        if rel == "README.md":
            continue  # prose about the example; models/churn/README.md is the model card
        seeds.append(planted(rel, path.read_text(encoding="utf-8"), _example_syntax(rel)))
    return seeds


OPENLINEAGE_EVENT = {
    "eventType": "COMPLETE",
    "eventTime": "2026-01-05T11:30:00Z",
    "run": {"runId": "0195a6a2-5c0e-7c1e-9d1a-3c1f2e4d5a6b"},
    "job": {"namespace": "acme", "name": "train_churn"},
    "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.x/client/python",
    "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    "inputs": [{"namespace": "s3://acme-data", "name": "churn/train/v7"}],
    "outputs": [{"namespace": "s3://acme-models", "name": "churn/3/model.safetensors"}],
}

TURTLE = """\
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix ex: <https://example.org/ml/> .

ex:model a prov:Entity ;
    prov:wasGeneratedBy ex:training ;
    prov:wasDerivedFrom ex:dataset .
ex:dataset a prov:Entity .
ex:training a prov:Activity ;
    prov:used ex:dataset .
"""

PLAN = {
    "format_version": "1.2",
    "terraform_version": "1.9.0",
    "planned_values": {
        "root_module": {
            "resources": [
                {
                    "address": "aws_s3_bucket.models",
                    "mode": "managed",
                    "type": "aws_s3_bucket",
                    "name": "models",
                    "values": {"bucket": "acme-models", "acl": "public-read"},
                }
            ]
        }
    },
    "resource_changes": [],
    "configuration": {"root_module": {}},
}

DAG = """\
from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG("train_churn", schedule="@daily") as dag:
    BashOperator(task_id="train", bash_command="python train.py")
"""

DOCKERFILE = """\
# syntax=docker/dockerfile:1
ARG BASE=python:3.11-slim
FROM ${BASE} AS build
RUN <<EOF
pip wheel -w /wheels .
EOF
FROM python:3.11-slim
COPY --from=build /wheels /wheels
RUN pip install /wheels/* \\
    && useradd app
USER app
"""

TEXT_SEEDS = [
    ("serving/Dockerfile", DOCKERFILE, "dockerfile"),
    (
        "pipeline/dvc.lock",
        "schema: '2.0'\nstages:\n  prepare:\n    cmd: python prepare.py\n    outs:\n"
        "      - path: data/clean.csv\n        md5: 0123456789abcdef0123456789abcdef\n        size: 1024\n",
        "yaml",
    ),
    ("pipeline/images.dvc", "outs:\n  - path: images\n    md5: 153aad06d376b6595932470e459ef42a.dir\n", "yaml"),
    (
        "project/MLproject",
        "name: churn\nconda_env: conda.yaml\nentry_points:\n  main:\n    command: python train.py\n",
        "yaml",
    ),
    (
        "project/model/MLmodel",
        "artifact_path: model\nflavors:\n  sklearn:\n    pickled_model: model.pkl\n"
        "    sklearn_version: 1.5.0\nmlflow_version: 2.14.1\n",
        "yaml",
    ),
    ("project/mlruns/1/meta.yaml", "name: churn\nexperiment_id: '1'\nartifact_location: s3://acme-mlflow/1\n", "yaml"),
    ("dags/train_dag.py", DAG, "python"),
    ("lineage/model.prov.json", (REPO_ROOT / "tests/fixtures/provenance/example-model.prov.json").read_text(), "json"),
    ("lineage/run.json", json.dumps(OPENLINEAGE_EVENT, indent=1), "json"),
    ("lineage/events.jsonl", "\n".join(json.dumps(OPENLINEAGE_EVENT) for _ in range(2)), "jsonl"),
    ("lineage/model.ttl", TURTLE, "turtle"),
    (
        "lineage/model.jsonld",
        json.dumps(
            {
                "@context": {"prov": "http://www.w3.org/ns/prov#"},
                "@id": "https://example.org/ml/model",
                "@type": "prov:Entity",
                "prov:wasDerivedFrom": {"@id": "https://example.org/ml/dataset"},
            },
            indent=1,
        ),
        "json",
    ),
    (
        "tfjson/main.tf.json",
        json.dumps(
            {
                "resource": {"aws_s3_bucket": {"logs": {"bucket": "acme-logs", "acl": "public-read"}}},
            },
            indent=1,
        ),
        "json",
    ),
    ("infra/terraform.tfvars", 'bucket_name = "acme-ml-artifacts"\nenvironment = "prod"\n', "hcl"),
    ("tfvars/terraform.tfvars.json", json.dumps({"bucket_name": "acme-ml", "replicas": 3}, indent=1), "json"),
    (
        "tfvars/main.tf",
        'variable "bucket_name" {}\nvariable "replicas" {}\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = var.bucket_name\n}\n',
        "hcl",
    ),
    ("plans/plan.json", json.dumps(PLAN, indent=1), "json"),
    ("config/settings.json", json.dumps({"learning_rate": 0.01, "epochs": 12, "layers": [64, 32]}, indent=1), "json"),
    ("data/events.jsonl", "\n".join(json.dumps({"user": i, "event": "login", "ok": True}) for i in range(5)), "jsonl"),
    ("docs/notes.txt", "Training runs nightly; results go to the model registry.\n", "markdown"),
]


def binary_seeds() -> list[Seed]:
    """Model files whose planted finding is an `os.system` import in the pickle stream."""
    inner = pickle.dumps({"weights": [0.5, 0.25], "hook": Payload("echo hostile")}, protocol=2)
    return [
        Seed("artifacts/model.pkl", inner, "binary", PICKLE_MARKER, inner),
        Seed("artifacts/model.pt", torch_zip(inner), "binary", PICKLE_MARKER, inner),
        Seed("artifacts/weights.npy", npy("|O", inner), "binary", PICKLE_MARKER, inner),
    ]


def all_seeds() -> list[Seed]:
    return [*example_seeds(), *(planted(rel, text, syntax) for rel, text, syntax in TEXT_SEEDS), *binary_seeds()]

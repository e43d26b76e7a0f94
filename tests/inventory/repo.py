"""A repository that states its models and data every way the inventory reads: a model card, a
PROV-JSON record, DVC stages with their lock, an imported `.dvc` file, an MLflow run with its
dataset, an Airflow DAG with static outlets, and a real pickle. Hashes are computed from the
bytes, so the tests compare the inventory with what the files are."""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from pathlib import Path

from tests.conftest import REPO_ROOT, git, init_repo

TRAIN = b"text,label\ngood value,1\nbroken on arrival,0\n"
MODEL = pickle.dumps({"weights": [0.25, -1.5, 3.0]}, protocol=4)
RAW_MD5 = "0cc175b9c0f1b6a831c399e269772661"
IMPORT_REV = "5503434ddd753f426f4b38109466949a1217c2bb"


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


CARD = """---
license: mit
pipeline_tag: text-classification
datasets:
  - acme/reviews
model-index:
  - name: review-clf
    results:
      - task: {type: text-classification}
        dataset: {name: Reviews, type: acme/reviews}
        metrics:
          - {type: f1, value: 0.91}
---

# Review classifier

## Limitations

Trained on English reviews only; it fails on sarcasm.

## Ethical considerations

Reviews may name people; names were removed before training.
"""


def _record() -> str:
    q = {"type": "prov:QUALIFIED_NAME"}
    return json.dumps(
        {
            "prefix": {"ex": "https://example.org/ml/", "mlp": "https://example.org/ns/mlprov#"},
            "entity": {
                "ex:model": {
                    "prov:type": {"$": "mlp:Model", **q},
                    "prov:location": "models/clf/model.pkl",
                    "mlp:digest": f"sha256:{sha256(MODEL)}",
                },
                "ex:train": {
                    "prov:type": {"$": "mlp:Dataset", **q},
                    "prov:label": "reviews train split",
                    "prov:location": "data/train.csv",
                    "mlp:digest": f"sha256:{sha256(TRAIN)}",
                    "mlp:license": "cc-by-4.0",
                },
                "ex:raw": {"prov:type": {"$": "mlp:Dataset", **q}, "prov:location": "data/raw.csv"},
            },
            "activity": {"ex:run": {"prov:type": {"$": "mlp:Training", **q}}},
            "wasGeneratedBy": {"_:g": {"prov:entity": "ex:model", "prov:activity": "ex:run"}},
            "used": {
                "_:u": {
                    "prov:activity": "ex:run",
                    "prov:entity": "ex:train",
                    "prov:role": {"$": "mlp:trainingData", **q},
                }
            },
            "wasDerivedFrom": {"_:d": {"prov:generatedEntity": "ex:train", "prov:usedEntity": "ex:raw"}},
        },
        indent=1,
    )


FILES: dict[str, str | bytes] = {
    "models/clf/README.md": CARD,
    "models/clf/model.pkl": MODEL,
    "models/clf/model.prov.json": _record(),
    "models/clf/MLmodel": "run_id: r1\nmodel_uuid: 7d9c0e1f\nflavors:\n  sklearn: {pickled_model: model.pkl}\n",
    "data/train.csv": TRAIN,
    "data/raw.csv.dvc": (
        f"outs:\n- path: raw.csv\n  md5: {RAW_MD5}\ndeps:\n- path: reviews/raw.csv\n"
        f"  repo:\n    url: https://github.com/acme/data-registry\n    rev_lock: {IMPORT_REV}\n"
    ),
    "dvc.yaml": (
        "stages:\n  train:\n    cmd: python train.py\n    deps: [data/train.csv]\n    outs: [models/clf/model.pkl]\n"
    ),
    "dvc.lock": (
        "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n"
        f"    deps:\n    - path: data/train.csv\n      md5: {md5(TRAIN)}\n"
        f"    outs:\n    - path: models/clf/model.pkl\n      md5: {md5(MODEL)}\n"
    ),
    "mlruns/1/datasets/d41d/meta.yaml": (
        'name: reviews-train\ndigest: 8b2f1e0c\nsource_type: s3\nsource: \'{"uri": "s3://acme/reviews/train.parquet"}\'\n'
    ),
    "mlruns/1/r1/inputs/i1/meta.yaml": (
        "source_type: DATASET\nsource_id: d41d\ndestination_type: RUN\ndestination_id: r1\n"
    ),
    "mlruns/1/r1/meta.yaml": "run_id: r1\nexperiment_id: '1'\nstatus: 3\n",
    "dags/export.py": (
        "from airflow import DAG\nfrom airflow.datasets import Dataset\n"
        "from airflow.operators.bash import BashOperator\n\n"
        "with DAG('export'):\n"
        "    BashOperator(task_id='export', bash_command='true',\n"
        "                 inlets=[Dataset('s3://acme/raw/reviews.jsonl')],\n"
        "                 outlets=[Dataset('s3://acme/reviews/train.parquet')])\n"
    ),
}


def make(root: Path) -> Path:
    return init_repo(root, FILES)


# What `dvc repro` leaves beside the example's dvc.yaml: its lock, with the md5 of each file.
EXAMPLE_LOCK = f"""schema: '2.0'
stages:
  prepare:
    cmd: python prepare.py data/raw.csv data/train.csv
    deps:
    - path: data/raw.csv
      md5: {RAW_MD5}
    outs:
    - path: data/train.csv
      md5: {md5(TRAIN)}
  train:
    cmd: python train.py data/train.csv models/churn/model.pkl
    deps:
    - path: data/train.csv
      md5: {md5(TRAIN)}
    outs:
    - path: models/churn/model.pkl
      md5: {md5(MODEL)}
"""


def example(root: Path, with_lock: bool = False) -> Path:
    """The example repository as a git checkout of its own (its paths from its root)."""
    shutil.copytree(REPO_ROOT / "examples" / "ml-platform", root)
    git(root, "init", "-q", "-b", "main")
    if with_lock:
        (root / "dvc.lock").write_text(EXAMPLE_LOCK, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "example")
    return root

"""Dagster and Prefect task I/O in the inventory and the OpenLineage events, from real scans of
small repositories (the code is parsed, never imported)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scanner.inventory.build import build
from scanner.inventory.model import Inventory
from scanner.rulesets import load_ruleset
from scanner.scan import scan
from scanner.writers import openlineage
from tests.conftest import init_repo, run_cli

NS = "mlcomply://test"
AT = "2026-01-05T11:30:00Z"

DAGSTER = """\
from dagster import AssetIn, AssetKey, AssetOut, Definitions, S3PickleIOManager, asset, fs_io_manager
from dagster import multi_asset, op
import pandas as pd


@asset(key_prefix=["raw"])
def events():
    return pd.read_csv("s3://acme-landing/events/2024.csv")


@asset(ins={"source": AssetIn(key=AssetKey(["raw", "events"]))})
def sessions(source):
    return source


@asset(deps=["sessions"], io_manager_key="warehouse", required_resource_keys=["db"])
def features(context, db):
    return 1


@multi_asset(outs={"train": AssetOut(), "test": AssetOut()})
def split(features):
    return features, features


@asset
def model(train):
    return train


@op
def export():
    pd.read_parquet("data/features.parquet").to_parquet("s3://acme-exports/features.parquet")


@op
def no_io():
    return 1


defs = Definitions(
    assets=[events, sessions, features, split, model],
    resources={
        "io_manager": S3PickleIOManager(s3_resource=None, s3_bucket="acme-assets", s3_prefix="prod"),
        "warehouse": fs_io_manager.configured({"base_dir": "/data/warehouse"}),
    },
)
"""

PREFECT = """\
from prefect import flow, task
from prefect.assets import Asset, materialize
import pandas as pd

RAW = Asset(key="s3://acme-lake/raw/orders.parquet")


@materialize(RAW)
def extract():
    return pd.read_json("https://api.example.invalid/orders")


@materialize("s3://acme-lake/clean/orders.parquet", asset_deps=["postgres://warehouse:5432/public.customers"])
def clean(raw):
    return raw


@materialize(Asset(key="s3://acme-lake/models/churn.pkl"))
def train(orders):
    return orders


@task(name="write-report")
def report(frame):
    with open("reports/summary.csv", "w") as fh:
        fh.write("")


@task
def unrelated(frame):
    return frame


@flow
def pipeline():
    raw = extract()
    cleaned = clean(raw)
    unrelated(raw)
    train(cleaned)
    report(cleaned)
"""


def inventory(root: Path) -> Inventory:
    result = scan([root], load_ruleset([], [], builtin=False))
    inv, notes = build(result.docs, result.root)
    assert notes == []
    return inv


def jobs(inv: Inventory) -> dict[str, tuple[list[str], list[str]]]:
    """Job name -> (inputs, outputs) as `namespace|name`, from events validated on the way."""
    text = openlineage.to_json_lines(openlineage.events(inv, NS, AT))
    out = {}
    for event in map(json.loads, text.splitlines()):
        if "job" in event:
            side = [[f"{d['namespace']}|{d['name']}" for d in event[k]] for k in ("inputs", "outputs")]
            out[event["job"]["name"]] = (side[0], side[1])
    return out


@pytest.fixture(scope="module")
def dagster(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], list[str]]]:
    return jobs(inventory(init_repo(tmp_path_factory.mktemp("dg") / "repo", {"pipelines/assets.py": DAGSTER})))


@pytest.fixture(scope="module")
def prefect(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], list[str]]]:
    return jobs(inventory(init_repo(tmp_path_factory.mktemp("pf") / "repo", {"flows/orders.py": PREFECT})))


@pytest.mark.parametrize(
    ("job", "inputs", "outputs"),
    [
        # a literal read in the body; the key (with its prefix) where the S3 I/O manager keeps it
        ("raw/events", ["s3://acme-landing|events/2024.csv"], ["s3://acme-assets|prod/raw/events"]),
        # `ins=` with an AssetKey names the upstream, not the parameter
        ("sessions", ["s3://acme-assets|prod/raw/events"], ["s3://acme-assets|prod/sessions"]),
        # `deps=`; `context` and a declared resource are no upstream; its own I/O manager is a folder
        ("features", ["s3://acme-assets|prod/sessions"], [f"{NS}|/data/warehouse/features"]),
        # an upstream stays where its own I/O manager keeps it
        (
            "split",
            [f"{NS}|/data/warehouse/features"],
            ["s3://acme-assets|prod/train", "s3://acme-assets|prod/test"],
        ),
        ("model", ["s3://acme-assets|prod/train"], ["s3://acme-assets|prod/model"]),
        ("export", [f"{NS}|data/features.parquet"], ["s3://acme-exports|features.parquet"]),
    ],
)
def test_dagster_assets_and_ops(
    dagster: dict[str, tuple[list[str], list[str]]], job: str, inputs: list[str], outputs: list[str]
) -> None:
    assert dagster[f"pipelines/assets.py#{job}"] == (inputs, outputs)


def test_a_dagster_op_without_static_io_is_no_job(dagster: dict[str, tuple[list[str], list[str]]]) -> None:
    assert sorted(dagster) == sorted(
        f"pipelines/assets.py#{j}" for j in ("raw/events", "sessions", "features", "split", "model", "export")
    )


@pytest.mark.parametrize(
    ("job", "inputs", "outputs"),
    [
        ("extract", ["https://api.example.invalid|orders"], ["s3://acme-lake|raw/orders.parquet"]),
        # `asset_deps=` first, then what the flow passes it (`clean(raw)`)
        (
            "clean",
            ["postgres://warehouse:5432|public.customers", "s3://acme-lake|raw/orders.parquet"],
            ["s3://acme-lake|clean/orders.parquet"],
        ),
        ("train", ["s3://acme-lake|clean/orders.parquet"], ["s3://acme-lake|models/churn.pkl"]),
        # a task: its literal write only (a task is no asset: what the flow passes it is not lineage)
        ("write-report", [], [f"{NS}|reports/summary.csv"]),
    ],
)
def test_prefect_materializations_and_tasks(
    prefect: dict[str, tuple[list[str], list[str]]], job: str, inputs: list[str], outputs: list[str]
) -> None:
    assert prefect[f"flows/orders.py#{job}"] == (inputs, outputs)


def test_prefect_functions_without_static_io_are_no_jobs(prefect: dict[str, tuple[list[str], list[str]]]) -> None:
    assert sorted(prefect) == [f"flows/orders.py#{j}" for j in ("clean", "extract", "train", "write-report")]


def test_an_asset_decorator_counts_only_for_the_platform_the_file_imports(tmp_path: Path) -> None:
    """A Prefect file's `@asset` (some other library's) is no Dagster asset; its literal I/O is
    still no job, since `@asset` is no Prefect task either."""
    code = 'from prefect import flow\nfrom mylib import asset\n\n@asset\ndef a(b):\n    open("out.txt", "w")\n'
    assert jobs(inventory(init_repo(tmp_path / "repo", {"flows/a.py": code}))) == {}


def test_a_key_the_file_does_not_make_is_a_dataset_of_its_own(tmp_path: Path) -> None:
    """An upstream made in another file keeps its key: the I/O manager of this file does not store it."""
    code = (
        "from dagster import Definitions, FilesystemIOManager, asset\n\n"
        "@asset(deps=['elsewhere'])\ndef here():\n    return 1\n\n"
        "defs = Definitions(resources={'io_manager': FilesystemIOManager(base_dir='/srv/assets')})\n"
    )
    found = jobs(inventory(init_repo(tmp_path / "repo", {"a.py": code})))
    assert found == {"a.py#here": ([f"{NS}|elsewhere"], [f"{NS}|/srv/assets/here"])}


def test_an_io_manager_bound_through_a_variable_and_a_computed_bucket(tmp_path: Path) -> None:
    """`io = S3PickleIOManager(...)` then `resources={"io_manager": io}` is followed; a bucket the
    code computes is not static, so the asset stays a key."""
    code = (
        "import os\nfrom dagster import Definitions, S3PickleIOManager, asset\n\n"
        "@asset\ndef a():\n    return 1\n\n@asset(io_manager_key='dyn')\ndef b(a):\n    return a\n\n"
        "io = S3PickleIOManager(s3_bucket='lake')\n"
        "defs = Definitions(resources={'io_manager': io, 'dyn': S3PickleIOManager(s3_bucket=os.environ['B'])})\n"
    )
    found = jobs(inventory(init_repo(tmp_path / "repo", {"a.py": code})))
    assert found == {"a.py#a": ([], ["s3://lake|dagster/a"]), "a.py#b": (["s3://lake|dagster/a"], [f"{NS}|b"])}


def test_a_model_file_written_by_a_task_is_the_models_file(tmp_path: Path) -> None:
    """A task that reads training data and writes a model file: the model was trained on it."""
    code = (
        "import joblib\nimport pandas as pd\nfrom prefect import task\n\n"
        "@task\ndef fit():\n    pd.read_csv('data/train.csv')\n    joblib.dump(None, 'models/clf.joblib')\n"
    )
    inv = inventory(init_repo(tmp_path / "repo", {"flows/fit.py": code}))
    assert inv.jobs["job:flows/fit.py#fit"].outputs == ["file:models/clf.joblib"]
    [model] = [m for m in inv.models.values() if "file:models/clf.joblib" in m.files]
    assert model.datasets == ["dataset:data/train.csv"]


def test_credentials_in_a_location_never_reach_the_events(tmp_path: Path) -> None:
    code = (
        "import pandas as pd\nfrom prefect import task\n\n"
        "@task\ndef load():\n    pd.read_sql_table('t', con=None)\n"
        "    pd.read_parquet('s3://AKIAZ3MSJV4WWXGRPT6Q:Qx7rT2pLm9vW4zK8@bucket/x.parquet')\n"
    )
    text = openlineage.to_json_lines(
        openlineage.events(inventory(init_repo(tmp_path / "repo", {"f.py": code})), NS, AT)
    )
    assert "f.py#load" in text and "bucket" in text
    assert "Qx7rT2pLm9vW4zK8" not in text and "AKIAZ3MSJV4WWXGRPT6Q" not in text


def test_the_command_line_writes_valid_events_for_a_dagster_repository(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "repo", {"pipelines/assets.py": DAGSTER})
    out = tmp_path / "lineage.jsonl"
    proc = run_cli("scan", root, "--openlineage-output", out, "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    events: list[dict[str, Any]] = [json.loads(line) for line in out.read_text().splitlines()]
    for event in events:
        openlineage.validate(event)
    [model] = [e for e in events if e.get("job", {}).get("name") == "pipelines/assets.py#model"]
    assert [(d["namespace"], d["name"]) for d in model["inputs"]] == [("s3://acme-assets", "prod/train")]

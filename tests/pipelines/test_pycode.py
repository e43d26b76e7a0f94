"""Dagster, Prefect and Feast Python files: recognised by their imports, parsed with ast, never run."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner import formats
from scanner.documents import LoadError
from scanner.pipelines import pycode
from scanner.walk import FileEntry


def _entry(tmp_path: Path, text: str, rel: str = "flows/flow.py") -> FileEntry:
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return FileEntry(rel=rel, abs=path, size=path.stat().st_size, binary=False)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("from dagster import asset\n", "pipeline-python"),
        ("import dagster as dg\n", "pipeline-python"),
        ("from dagster_aws.s3 import S3Resource\n", "pipeline-python"),
        ("from prefect import flow\n", "pipeline-python"),
        ("from prefect_aws import S3Bucket\n", "pipeline-python"),
        ("from feast import FeatureView\n", "pipeline-python"),
        ("from airflow import DAG\nfrom dagster import asset\n", "airflow"),  # Airflow's loader first
        ("import dagsterish\n", "text"),
        ("# from dagster import asset is only a comment\nx = 1\n", "text"),
    ],
)
def test_kind_by_import(tmp_path: Path, text: str, kind: str) -> None:
    assert formats.kind_for(_entry(tmp_path, text)) == kind


def test_code_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    [doc] = pycode.load(_entry(tmp_path, f"from dagster import asset\nopen({str(marker)!r}, 'w').write('x')\n"))
    assert doc.kind == "pipeline-python"
    assert doc.data["frameworks"] == ["dagster"]
    assert not marker.exists()


def test_functions_record_decorators_params_and_literal_io(tmp_path: Path) -> None:
    text = (
        "import pandas as pd\nfrom dagster import asset\n\n"
        "@asset(deps=[raw], name='clean')\n"
        "def clean_orders(context, upstream):\n"
        "    df = pd.read_parquet('data/raw.parquet')\n"
        "    open('out.txt', 'w').write('x')\n"
        "    open('in.txt').read()\n"
        "    df.to_csv('s3://lake/clean.csv')\n"
    )
    [doc] = pycode.load(_entry(tmp_path, text))
    [fn] = doc.data["functions"]
    assert fn["decorators"] == [{"func": "asset", "args": [], "kwargs": {"deps": [{"expr": "raw"}], "name": "clean"}}]
    assert fn["params"] == ["context", "upstream"]
    assert sorted(fn["reads"]) == ["data/raw.parquet", "in.txt"]
    assert sorted(fn["writes"]) == ["out.txt", "s3://lake/clean.csv"]
    assert doc.span_of(("functions", 0)).line == 5


def test_class_fields_with_defaults(tmp_path: Path) -> None:
    text = "from dagster import ConfigurableResource\n\nclass Db(ConfigurableResource):\n    host: str = 'db'\n"
    text += "    port: int\n"
    [doc] = pycode.load(_entry(tmp_path, text))
    assert doc.data["fields"] == [
        {"class": "Db", "bases": ["ConfigurableResource"], "name": "host", "annotation": "str"}
    ]


@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [
        ("from prefect import flow\ndef f(:\n", "parse", 2),
        ("from prefect import flow\nx = '\\xff\n", "parse", 2),
        ("from feast import Field\nif True:\nx = 1\n", "parse", 3),
    ],
)
def test_malformed_python_is_a_load_error_naming_the_line(tmp_path: Path, text: str, kind: str, line: int) -> None:
    with pytest.raises(LoadError) as info:
        pycode.load(_entry(tmp_path, text))
    assert str(info.value).startswith("parse pipeline code:")
    assert (info.value.kind, info.value.line) == (kind, line)


def test_deep_nesting_is_a_limit_not_a_crash(tmp_path: Path) -> None:
    text = "from dagster import asset\nx = " + "[" * 3000 + "]" * 3000 + "\n"
    with pytest.raises(LoadError) as info:
        pycode.load(_entry(tmp_path, text))
    assert str(info.value).startswith("parse pipeline code:")

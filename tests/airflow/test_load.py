"""Airflow DAGs are parsed with ast and never imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.airflow import load as airflow
from scanner.documents import LoadError
from scanner.walk import FileEntry


def _entry(tmp_path: Path, text: str) -> FileEntry:
    path = tmp_path / "dags" / "dag.py"  # an entry's path is always root/rel
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return FileEntry(rel="dags/dag.py", abs=path, size=path.stat().st_size, binary=False)


def test_dag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    entry = _entry(tmp_path, f"from airflow import DAG\nopen({str(marker)!r}, 'w').write('x')\n")
    assert airflow.is_dag(entry)
    [doc] = airflow.load(entry)
    assert doc.kind == "airflow"
    assert not marker.exists()


def test_calls_kwargs_and_spans(tmp_path: Path) -> None:
    text = "from airflow import DAG\nt = Op(\n    task_id='a',\n    conf={'k': 1, 'x': y},\n    n=f(2),\n)\n"
    [doc] = airflow.load(_entry(tmp_path, text))
    call = next(c for c in doc.data["calls"] if c["func"] == "Op")
    assert call["kwargs"] == {"task_id": "a", "conf": {"k": 1, "x": {"expr": "y"}}, "n": {"expr": "f(2)"}}
    assert doc.span_of(("calls", 0, "kwargs", "conf")).line == 4


@pytest.mark.parametrize(
    ("text", "is_dag"),
    [
        ("from airflow import DAG\n", True),
        ("import airflow.models\n", True),
        ("# airflow\nimport os\n", False),
    ],
)
def test_is_dag(tmp_path: Path, text: str, is_dag: bool) -> None:
    assert airflow.is_dag(_entry(tmp_path, text)) is is_dag


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as err:
        airflow.load(_entry(tmp_path, "from airflow import DAG\n\ndef broken(:\n"))
    assert err.value.line == 3
    assert err.value.message.startswith("parse airflow DAG")

"""kind_for for the ML formats, and streaming formats escaping the whole-file size cap."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner import formats
from scanner.scan import load_documents
from scanner.walk import FileEntry, list_files


@pytest.mark.parametrize(
    ("rel", "binary", "content", "kind"),
    [
        ("dvc.yaml", False, "", "dvc"),
        ("sub/dvc.lock", False, "", "dvc"),
        ("data/train.csv.dvc", False, "", "dvc"),
        ("MLproject", False, "", "mlflow"),
        ("models/m/MLmodel", False, "", "mlflow"),
        ("mlruns/1/abc/meta.yaml", False, "", "mlflow"),
        ("meta.yaml", False, "", "yaml"),
        (".github/workflows/ci.yml", False, "", "github-workflow"),
        ("ci.yml", False, "", "yaml"),
        ("Dockerfile", False, "", "dockerfile"),
        ("serving/Dockerfile.gpu", False, "", "dockerfile"),
        ("docker/train.Dockerfile", False, "", "dockerfile"),
        ("Containerfile", False, "", "dockerfile"),
        ("great_expectations/great_expectations.yml", False, "", "gx"),
        ("gx/expectations/loans.json", False, "", "gx"),
        ("gx/checkpoints/nightly.json", False, "", "gx"),
        ("great_expectations/checkpoints/nightly.yml", False, "", "gx"),
        ("tests/expectations/loans.json", False, "", "json"),
        ("Dockerfile.j2", False, "", "text"),
        ("Dockerfile.dockerignore", False, "", "text"),
        ("sdk/templates/dockerfile.py", False, "", "text"),
        ("dags/etl.py", False, "from airflow import DAG\n", "airflow"),
        ("src/train.py", False, "import torch\n", "text"),
        ("m.pkl", True, "", "model-artifact"),
        ("m.pt", True, "", "model-artifact"),
        ("m.keras", True, "", "model-artifact"),
        ("d.npy", True, "", "model-artifact"),
        ("d.csv", False, "", "tabular"),
        ("d.jsonl", False, "", "tabular"),
        ("d.parquet", True, "", "dataset"),
        ("photo.png", True, "", None),
    ],
)
def test_kind_for(tmp_path: Path, rel: str, binary: bool, content: str, kind: str | None) -> None:
    path = tmp_path / rel  # an entry's path is always root/rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    assert formats.kind_for(FileEntry(rel=rel, abs=path, size=len(content), binary=binary)) == kind


def test_streaming_formats_are_not_capped(tmp_path: Path) -> None:
    (tmp_path / "big.csv").write_text("a,b\n" + "1,2\n" * 1000)
    (tmp_path / "big.yaml").write_text("a: 1\n" * 1000)
    docs, errors = load_documents(list_files([tmp_path]), {"tabular", "yaml"}, max_bytes=100)
    assert [d.path for d in docs] == ["big.csv"]
    assert [(e.path, e.kind) for e in errors] == [("big.yaml", "limit")]
    assert formats.FORMATS["tabular"].streams and not formats.FORMATS["yaml"].streams

"""Where unpinned loads are found in Python training code, and where the line is drawn."""

from __future__ import annotations

import ast

import pytest

from scanner.pinning import python_refs


def _loads(source: str, local: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [(load.kind, load.target) for load in python_refs.loads(ast.parse(source), source, local)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('load_dataset("imdb")', [("hf-dataset", "imdb")]),
        ('load_dataset(path="acme/loans", split="train")', [("hf-dataset", "acme/loans")]),
        ('AutoModel.from_pretrained("org/model")', [("hf-model", "org/model")]),
        ('load_dataset("imdb", revision="e6281661ce1c48d982bc483cf8a173c1bbeb5d31")', []),
        ('load_dataset("imdb", **opts)', []),  # the caller's kwargs may carry revision
        ('load_dataset("csv", data_files="x.csv")', []),  # a packaged builder, not a Hub repo
        ('load_dataset("./data")', []),
        ("AutoModel.from_pretrained(args.model)", []),  # chosen where the run is launched
        ('load_dataset("data/train")', []),  # a folder beside the script (see local below)
        ('spark.read.format("delta").load("/mnt/lake/t")', [("delta", "/mnt/lake/t")]),
        ('spark.read.format("delta").table("db.t")', [("delta", "db.t")]),
        ('spark.read.load(p, format="delta")', [("delta", "p")]),
        ('spark.read.format("delta").option("versionAsOf", 3).load(p)', []),
        ('spark.read.format("delta").options(timestampAsOf="2026-01-01").load(p)', []),
        ('spark.read.load(p, format="delta", versionAsOf=3)', []),
        ('spark.readStream.format("delta").load(p)', []),
        ('spark.read.format("parquet").load(p)', []),
        ('deltalake.DeltaTable("s3://b/t")', [("delta", "s3://b/t")]),
        ('DeltaTable("s3://b/t", version=4)', []),
        ('pl.read_delta("s3://b/t")', [("delta", "s3://b/t")]),
        ("DeltaTable.forPath(spark, p)", []),  # a handle for writes and maintenance
    ],
)
def test_loads(source: str, expected: list[tuple[str, str]]) -> None:
    assert _loads(source, frozenset({"data"})) == expected


@pytest.mark.parametrize(
    ("rel", "source", "training"),
    [
        ("train.py", "x = 1", True),
        ("src/finetune_lora.py", "x = 1", True),
        ("src/model_fit.py", "x = 1", True),
        ("serve.py", "Trainer(model=m).train()", True),
        ("serve.py", "SFTTrainer(model=m)", True),
        ("serve.py", "clf.fit(X, y)", True),
        ("serve.py", "trainer.train()", True),
        ("serve.py", "model.train()", False),  # torch's train mode switch, not a training run
        ("serve.py", "app.run()", False),
        ("constrained.py", "x = 1", False),  # "train" inside another word
    ],
)
def test_training_code(rel: str, source: str, training: bool) -> None:
    assert python_refs.is_training_code(ast.parse(source), rel) is training
    # the text pre-check that spares the AST never rules out what the AST would call training
    assert python_refs.may_be_training(source, rel) or not training


@pytest.mark.parametrize(
    ("rel", "included"),
    [("train.py", True), ("src/train.py", True), ("tests/train.py", False), ("pkg/test_train.py", False)],
)
def test_test_folders_are_left_out(rel: str, included: bool) -> None:
    assert python_refs.is_training_path(rel) is included

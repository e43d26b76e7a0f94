"""Who the final stage runs as: its own USER, an earlier stage's, or a base known to be non-root;
which data files a build context ships, from one index of the listing per scan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.context import ScanContext
from scanner.docker.context import base_of, context_index, final_user, shipped_data
from scanner.docker.dockerfile import parse
from scanner.walk import FileEntry, Listing, list_files
from tests.conftest import init_repo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM python:3.11\n", ("root", None)),
        ("FROM python:3.11\nUSER app\nUSER root\n", ("root", 3)),
        ("FROM python:3.11\nUSER 0:0\n", ("root", 2)),
        ("FROM python:3.11\nUSER 10001:10001\n", ("user", 2)),
        ("FROM python:3.11\nUSER ${APP_UID}\n", ("unknown", 2)),
        ("FROM python:3.11 AS base\nUSER app\nFROM base\nRUN true\n", ("user", 2)),
        ("FROM python:3.11 AS base\nUSER app\nFROM python:3.11\nCOPY --from=base /a /a\n", ("root", None)),
        ("ARG BASE\nFROM ${BASE}\n", ("base", None)),  # a --build-arg decides: unknown
        ("FROM gcr.io/distroless/python3-debian12:nonroot\n", ("base", None)),
        ("FROM apache/airflow:2.9.3\n", ("base", None)),
        ("FROM mcr.microsoft.com/azureml/minimal-py312-inference:latest\n", ("base", None)),
        ("FROM public.ecr.aws/lambda/python:3.12\n", ("base", None)),
        ("FROM scratch\nCOPY app /app\n", ("root", None)),
    ],
)
def test_final_user(text: str, expected: tuple[str, int | None]) -> None:
    assert final_user(parse(text)) == expected


def test_base_kinds() -> None:
    df = parse("ARG TAG\nFROM alpine:3.20 AS a\nFROM a\nFROM scratch\nFROM alpine:${TAG}\n")
    assert [base_of(df, s).how for s in df.stages] == ["image", "stage", "scratch", "unknown"]


CONTEXT_FILES = {
    "Dockerfile": "FROM python:3.11\nCOPY . /app\n",
    "train.csv": "a\n1\n",
    "README.md": "# x\n",
    "serving/Dockerfile": "FROM python:3.11\nCOPY . /app\n",
    "serving/.dockerignore": "**/*.csv\n",
    "serving/model.pkl": "not a pickle\n",
    "serving/data/eval.csv": "a\n1\n",
    "serving/api/Dockerfile": "FROM python:3.11\nCOPY . /app\n",
    "serving/api/Dockerfile.dockerignore": "weights/\n",
    "serving/api/weights/w.pt": "x\n",
    "serving/api/app.py": "print(1)\n",
    "batch/Dockerfile": "FROM python:3.11\nCOPY . /app\n",
}


@pytest.mark.parametrize(
    ("dockerfile", "expected"),
    [
        ("Dockerfile", ["serving/api/weights/w.pt", "serving/data/eval.csv", "serving/model.pkl", "train.csv"]),
        ("serving/Dockerfile", ["serving/api/weights/w.pt", "serving/model.pkl"]),
        ("serving/api/Dockerfile", []),
        ("batch/Dockerfile", []),
    ],
)
def test_shipped_data(dockerfile: str, expected: list[str], tmp_path: Path) -> None:
    init_repo(tmp_path, CONTEXT_FILES)
    ctx = ScanContext(list_files([tmp_path]))
    assert shipped_data(context_index(ctx), dockerfile) == expected


class CountedFiles(tuple[FileEntry, ...]):
    """The listing's files, counting the passes made over them."""

    passes = 0

    def __iter__(self) -> Iterator[FileEntry]:
        CountedFiles.passes += 1
        return super().__iter__()


def test_the_listing_is_read_once_for_every_dockerfile(tmp_path: Path) -> None:
    files = {f"svc{i}/Dockerfile": "FROM python:3.11\nCOPY . /app\n" for i in range(40)}
    files |= {f"svc{i}/data/part.parquet": "x\n" for i in range(40)}
    init_repo(tmp_path, files)
    listing = list_files([tmp_path])
    ctx = ScanContext(Listing(listing.root, CountedFiles(listing.files), listing.skipped, listing.git_tracked))
    CountedFiles.passes = 0
    shipped = [shipped_data(context_index(ctx), f"svc{i}/Dockerfile") for i in range(40)]
    assert shipped == [[f"svc{i}/data/part.parquet"] for i in range(40)]
    assert CountedFiles.passes == 1

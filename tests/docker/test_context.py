"""Who the final stage runs as: its own USER, an earlier stage's, or a base known to be non-root."""

from __future__ import annotations

import pytest

from scanner.docker.context import base_of, final_user
from scanner.docker.dockerfile import parse


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

"""Minimal reproductions of the crash and loss shapes the hostile suite (bench/fuzz.py) found.

Each test plants a finding beside the trigger and asserts it is still reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import init_repo, run_cli
from tests.hostile.seeds import TOKEN
from tests.hostile.test_realworld_shapes import PUBLIC_BUCKET, S3_PUBLIC_ACL, errors_of, rules_on, scan_cli


# Found by the hostile suite, then checked against Terraform: a module Terraform refuses makes
# tfparse answer {} with no error, so every finding of the module vanished without a word.
@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("bad/main.tf", PUBLIC_BUCKET.replace("planted", "lost") + 'bogus_block "x" {\n}\n'),
        (
            "bad/main.tf.json",
            json.dumps({"resource": {"aws_s3_bucket": {"lost": {"acl": "public-read"}}}, "extra_property": 1}),
        ),
    ],
    ids=["unknown-block-type", "tf-json-stray-property"],
)
def test_a_module_terraform_rejects_is_a_scan_error_not_silence(tmp_path: Path, rel: str, text: str) -> None:
    results = scan_cli(tmp_path, {rel: text, "good/main.tf": PUBLIC_BUCKET})
    (error,) = errors_of(results, rel)
    assert error["kind"] == "parse" and "Terraform rejects the module" in error["message"]
    assert "bogus_block" not in error["message"] and "extra_property" not in error["message"]
    assert S3_PUBLIC_ACL in rules_on(results, "good/main.tf")


def test_a_module_of_variables_only_is_not_reported_as_rejected(tmp_path: Path) -> None:
    results = scan_cli(tmp_path, {"vars/variables.tf": 'variable "region" {}\n', "main.tf": PUBLIC_BUCKET})
    assert errors_of(results, "vars/variables.tf") == []


def test_the_real_cli_writes_outputs_when_a_module_is_rejected(tmp_path: Path) -> None:
    """End to end through `python -m scanner`: exit 1 for the planted finding, not 2."""
    root = init_repo(tmp_path / "repo", {"bad/main.tf": 'bogus "x" {\n}\n' + PUBLIC_BUCKET, "main.tf": PUBLIC_BUCKET})
    sarif = tmp_path / "out.sarif"
    proc = run_cli("scan", root, "--sarif-output", sarif, "--quiet")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert json.loads(sarif.read_text())["runs"][0]["invocations"][0]["toolExecutionNotifications"]


# `default = -1e-999999` (giant-number operator on a .tf file): HCL numbers are arbitrary-precision,
# and pygohcl, in-process, spent about a minute on 1e-99999 and more than 100 s on 1e-999999;
# scan_cli's 120 s timeout catches the hang. One scan holds every case, each in its own module.
HUGE_EXPONENTS = ["-1e-999999", "1e999999", "2.5E+123456", '"${1e-999999}"']
ORDINARY = ['tags = { sha = "1e99999" }', "x = 1e999", 'v = "abc1e123456"']


@pytest.fixture(scope="module")
def exponent_scan(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    files: dict[str, str | bytes] = {"main.tf": PUBLIC_BUCKET}
    for n, value in enumerate(HUGE_EXPONENTS):
        files[f"big{n}/main.tf"] = f'variable "big" {{\n  default = {value}\n}}\n'
    for n, text in enumerate(ORDINARY):
        files[f"ok{n}/main.tf"] = PUBLIC_BUCKET + f"locals {{\n  {text}\n}}\n"
    return scan_cli(tmp_path_factory.mktemp("exponents"), files)


@pytest.mark.parametrize("n", range(len(HUGE_EXPONENTS)), ids=HUGE_EXPONENTS)
def test_a_number_with_a_huge_exponent_is_a_limit_not_a_hang(exponent_scan: dict[str, Any], n: int) -> None:
    (error,) = errors_of(exponent_scan, f"big{n}/main.tf")
    assert error["kind"] == "limit" and error["line"] == 2 and "exponent" in error["message"]
    assert S3_PUBLIC_ACL in rules_on(exponent_scan, "main.tf")


@pytest.mark.parametrize("n", range(len(ORDINARY)), ids=ORDINARY)
def test_ordinary_numbers_and_strings_are_still_parsed(exponent_scan: dict[str, Any], n: int) -> None:
    assert errors_of(exponent_scan, f"ok{n}/main.tf") == []
    assert S3_PUBLIC_ACL in rules_on(exponent_scan, f"ok{n}/main.tf")


# giant-number on any JSON format: json.loads lets int()'s ValueError ("Exceeds the limit (4300
# digits)") through bare, and every JSON loader caught only JSONDecodeError: a 5 KB file crashed
# the scan with a traceback and no outputs. The number sits on line 2 of each.
GIANT_DOCS = {
    "config/settings.json": '{\n  "epochs": GIANT\n}\n',
    "notebooks/explore.ipynb": '{\n  "nbformat": GIANT,\n  "cells": []\n}\n',
    "lineage/model.prov.json": '{\n  "entity": {"ex:m": {"ex:n": GIANT}},\n  "activity": {}\n}\n',
    "lineage/run.json": '{"eventTime": "2026-01-05T11:30:00Z",\n "run": {"runId": "r"}, "n": GIANT}\n',
    "lineage/events.jsonl": '{"eventTime": "2026-01-05T11:30:00Z", "run": {"runId": "r"}}\n{"n": GIANT}\n',
    "lineage/model.jsonld": '{"@context": {"prov": "http://www.w3.org/ns/prov#"},\n "n": GIANT}\n',
    "data/events.jsonl": '{"user": 1}\n{"user": GIANT}\n',
    "infra/main.tf.json": '{"resource": {"aws_s3_bucket": {"b": {\n"bucket": GIANT}}}}\n',
    "plans/plan.json": '{"format_version": "1.2", "planned_values": {},\n "configuration": {}, "n": GIANT}\n',
    "cards/model-card.json": '{"model_details": {"name": "m"},\n "n": GIANT}\n',
}


@pytest.fixture(scope="module")
def giant_scan(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    files: dict[str, str | bytes] = {rel: doc.replace("GIANT", "9" * 5000) for rel, doc in GIANT_DOCS.items()}
    return scan_cli(tmp_path_factory.mktemp("giant"), {**files, "main.tf": PUBLIC_BUCKET})


@pytest.mark.parametrize("rel", sorted(GIANT_DOCS))
def test_a_json_number_of_5000_digits_is_a_parse_error_with_its_line(giant_scan: dict[str, Any], rel: str) -> None:
    (error,) = errors_of(giant_scan, rel)
    assert error["kind"] == "parse" and "more than 4300 digits" in error["message"]
    # The JSON-LD reader puts the line in its message (its errors come from rdflib, lineless).
    assert error["line"] == 2 or (error["line"] is None and "(line 2)" in error["message"])
    assert S3_PUBLIC_ACL in rules_on(giant_scan, "main.tf")


# huge-line on a DAG, pushing its airflow import past the sniffed 8 KiB: a .py text file with one
# 3 MB line of `- - -` and a finding. The ignore-comment lookup tokenized the whole file into a
# list (1.5 million tokens) and died of MemoryError under a 2 GiB limit, taking every output with it.
def test_a_python_file_with_a_3_mb_line_of_operators(tmp_path: Path) -> None:
    script = f"{'- ' * 1_500_000}\n# deploy token {TOKEN}\nimport os\n"
    results = scan_cli(tmp_path, {"scripts/prepare.py": script, "main.tf": PUBLIC_BUCKET})
    assert "MLC-SECRET-GITHUB-001" in rules_on(results, "scripts/prepare.py")
    assert S3_PUBLIC_ACL in rules_on(results, "main.tf")

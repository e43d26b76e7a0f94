"""JSON output bytes (scanner/writers/json_bytes.py): the same text as the standard library's
indented output, and the standard library's own bytes for what orjson refuses."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.writers.json_bytes import dumps
from scanner.writers.json_out import to_json
from scanner.writers.sarif import to_sarif
from tests.conftest import run_cli


def _stdlib(doc: Any, ascii_only: bool = False) -> bytes:
    text = json.dumps(doc, indent=2, ensure_ascii=ascii_only) + "\n"
    return text.encode("ascii" if ascii_only else "utf-8")


FILES = {
    "infra/main.tf": 'resource "aws_s3_bucket" "données" {\n  bucket = "café-ü"\n}\n'
    'resource "aws_s3_bucket_acl" "a" {\n  bucket = aws_s3_bucket.données.id\n  acl = "public-read"\n}\n',
    "k8s/job.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: entraînement\nspec:\n  template:\n"
    "    spec:\n      containers:\n        - name: t\n          image: ghcr.io/acme/train:latest\n",
    "broken.yaml": "a: [\n",
}


def test_scan_outputs_are_the_standard_librarys_text(make_repo: Callable[..., Path], builtin_rules: RuleSet) -> None:
    """Byte for byte json.dumps(indent=2, ensure_ascii=False), so the same content as before
    (when non-ASCII text was written as \\u escapes) once parsed."""
    result = scan([make_repo(FILES)], builtin_rules)
    assert result.findings and result.errors
    for doc in (to_sarif(result), to_json(result)):
        out = dumps(doc)
        assert out == _stdlib(doc)
        assert json.loads(out) == json.loads(_stdlib(doc, ascii_only=True))
    assert "données".encode() in dumps(to_sarif(result))


@pytest.mark.parametrize(
    "doc",
    [
        {"path": "bad\udcff.yaml", "n": 1},  # a file name that is not UTF-8, as the walk decodes it
        {"big": 10**20, "list": [1, 2]},  # beyond orjson's 64 bits
    ],
)
def test_what_orjson_refuses_is_written_as_before(doc: dict[str, Any]) -> None:
    assert dumps(doc) == _stdlib(doc, ascii_only=True)


@pytest.mark.parametrize(
    "doc",
    [
        {2: "int key", None: "none key", True: "bool key"},
        {"empty": [], "obj": {}, "nested": [{"a": None, "b": False}], "s": 'line\u2028sep\ttab"q\\'},
        [],
        "text",
    ],
)
def test_same_text_as_the_standard_library(doc: Any) -> None:
    assert dumps(doc) == _stdlib(doc)


def test_cli_writes_outputs_with_an_undecodable_file_name(tmp_path: Path) -> None:
    """End to end: the JSON output names the file (escaped), the SARIF output is UTF-8 text."""
    root = tmp_path / "repo"
    root.mkdir()
    pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: é\nspec:\n  containers:\n    - name: x\n"
    (root / "café.yaml").write_text(pod + "      image: nginx:latest\n")
    with open(os.path.join(os.fsencode(root), b"bad\xff.yaml"), "wb") as fh:
        fh.write(b"a: [\n")
    sarif, results = tmp_path / "out.sarif", tmp_path / "out.json"
    done = run_cli("scan", root, "--sarif-output", sarif, "--json-output", results, "--fail-on", "none")
    assert done.returncode == 0, done.stderr
    paths = {e["path"] for e in json.loads(results.read_bytes())["errors"]}
    assert "bad\udcff.yaml" in paths
    assert b"\\udcff" in results.read_bytes()
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(sarif.read_bytes())["runs"][0]["results"]
        for loc in r["locations"]
    }
    assert "caf%C3%A9.yaml" in uris

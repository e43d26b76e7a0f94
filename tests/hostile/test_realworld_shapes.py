"""Minimal reproductions of what scanning real repositories (bench/realworld.py) turned up.

Each test is written from the shape seen in a public repository, never with its content; the
repository and file are named so the lead can check the shape again. Every test plants a
finding beside the trigger and asserts it is still reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import init_repo
from tests.hostile.harness import batch_problems, run_scan

PUBLIC_BUCKET = 'resource "aws_s3_bucket" "planted" {\n  bucket = "acme-planted"\n  acl    = "public-read"\n}\n'
S3_PUBLIC_ACL = "MLC-AWS-S3-002"


def scan_cli(tmp_path: Path, files: dict[str, str | bytes]) -> dict[str, Any]:
    """The real CLI on a repository of `files`; the scan must end as the CLI promises."""
    root = init_repo(tmp_path / "repo", files)
    outcome = run_scan(root, tmp_path, timeout=120)
    problems = [p for p in batch_problems(outcome, 120) if "control file" not in p]
    assert not problems, problems
    assert outcome.results is not None
    return outcome.results


def errors_of(results: dict[str, Any], path: str) -> list[dict[str, Any]]:
    return [e for e in results["errors"] if e["path"] == path]


def rules_on(results: dict[str, Any], path: str) -> set[str]:
    return {f["rule_id"] for f in results["findings"] if f["path"] == path}


# OpenLineage/OpenLineage spec/OpenLineage.json (and 10 copies under website/static/spec/): the
# spec is a JSON Schema whose properties are named eventTime and runId, so the sniffer took it
# for a run event and reported "not an OpenLineage run event" on a valid file.
SPEC = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://openlineage.io/spec/2-0-2/OpenLineage.json",
    "$defs": {
        "BaseEvent": {
            "type": "object",
            "properties": {"eventTime": {"type": "string"}, "producer": {"type": "string"}},
        },
        "Run": {"type": "object", "properties": {"runId": {"type": "string", "format": "uuid"}}},
    },
}
EVENT = {
    "eventType": "COMPLETE",
    "eventTime": "2026-01-05T11:30:00Z",
    "run": {"runId": "0195a6a2-5c0e-7c1e-9d1a-3c1f2e4d5a6b"},
    "job": {"namespace": "acme", "name": "train"},
    "producer": "https://example.org/producer",
}


def test_openlineage_json_schema_is_not_taken_for_a_run_event(tmp_path: Path) -> None:
    results = scan_cli(
        tmp_path,
        {
            "spec/OpenLineage.json": json.dumps(SPEC, indent=2),
            "events/run.json": json.dumps(EVENT),
            "main.tf": PUBLIC_BUCKET,
        },
    )
    assert errors_of(results, "spec/OpenLineage.json") == []
    assert errors_of(results, "events/run.json") == []
    assert S3_PUBLIC_ACL in rules_on(results, "main.tf")


def test_a_run_event_with_a_schema_key_of_its_own_is_still_an_event(tmp_path: Path) -> None:
    event = {**EVENT, "$schema": "https://openlineage.io/spec/2-0-2/OpenLineage.json"}
    del event["job"]  # malformed: reported as an OpenLineage event, so the sniffer still took it
    results = scan_cli(tmp_path, {"events/run.json": json.dumps(event), "main.tf": PUBLIC_BUCKET})
    messages = [e["message"] for e in errors_of(results, "events/run.json")]
    assert messages == ["openlineage: run event needs run.runId and job"]


# terraform-aws-modules/terraform-aws-s3-bucket, terraform-aws-modules/terraform-aws-eks and
# Young-ook/terraform-aws-sagemaker: two `locals` blocks in one file (in the root or a local child
# module) crashed every scan: the crash of issue 14's first bullet.
def test_repeated_locals_blocks_in_a_child_module(tmp_path: Path) -> None:
    child = 'locals {\n  a = "x"\n}\n\nlocals {\n  b = local.a\n}\n\n' + PUBLIC_BUCKET.replace("planted", "child")
    results = scan_cli(
        tmp_path,
        {"main.tf": 'module "child" {\n  source = "./modules/child"\n}\n', "modules/child/main.tf": child},
    )
    assert S3_PUBLIC_ACL in rules_on(results, "modules/child/main.tf")


# kubeflow/manifests (94), MarquezProject/marquez (9), Azure/azureml-examples (8): Helm and
# templated YAML (`{{ ... }}` outside a string) is not YAML; each is a parse error with its line,
# and the plain manifests beside it are still evaluated.
HELM = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "marquez.fullname" . }}
  labels:
    {{- include "marquez.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
"""
POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: t:latest\n"


def test_helm_templates_are_parse_errors_with_a_line(tmp_path: Path) -> None:
    results = scan_cli(tmp_path, {"chart/templates/deployment.yaml": HELM, "k8s/pod.yaml": POD})
    (error,) = errors_of(results, "chart/templates/deployment.yaml")
    assert error["kind"] == "parse" and error["line"] is not None and "invalid YAML" in error["message"]
    assert "MLC-K8S-IMAGE-001" in rules_on(results, "k8s/pod.yaml")


# Azure/azureml-examples .../deployment-keras/model/keras_metadata.pb: a protobuf with no NUL byte
# in its first 8 KiB passes the binary check. Text is text: it is read like `strings` reads it
# (its printable runs, in place), so it is neither a crash nor lost: a token in it is found.
KERAS_METADATA = b'\n\x98%\x1a\x04root"\x14_tf_keras_sequential*\xf3${"name": "sequential_1"}' * 40
TOKEN = b"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"  # valid checksum, see rules/secrets/github.yaml


def test_binary_protobuf_without_nul_is_read_as_strings(tmp_path: Path) -> None:
    rel = "model/keras_metadata.pb"
    results = scan_cli(tmp_path, {rel: KERAS_METADATA + b"\x12(" + TOKEN + b"\x1a", "main.tf": PUBLIC_BUCKET})
    assert errors_of(results, rel) == []
    assert rules_on(results, rel) == {"MLC-SECRET-GITHUB-001"}
    assert S3_PUBLIC_ACL in rules_on(results, "main.tf")

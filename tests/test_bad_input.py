"""Issue 2 "Must show": malformed files and a link out of the root never cost other results."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import init_repo, run_cli
from tests.writers.sarif_validation import sarif_file

GOOD_TF = 'resource "aws_s3_bucket" "data" {\n  bucket = "acme-data"\n  acl    = "public-read"\n}\n'
BAD_TF = 'resource "aws_s3_bucket" "broken" {\n  bucket = \n}\n'
POD = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: trainer:latest\n"


def test_malformed_files_and_outside_link(tmp_path: Path) -> None:
    root = init_repo(
        tmp_path / "repo",
        {
            "infra/main.tf": GOOD_TF,
            "broken/main.tf": BAD_TF,
            "broken.yaml": "jobs:\n  build: [unclosed\n",
            "broken.json": '{\n  "a": 1,\n  "b": \n}\n',
            "invalid-utf8.yaml": b"a: \xff\xfe\n",
            "pod.yaml": POD,
        },
    )
    (root / "passwd").symlink_to("/etc/passwd")
    sarif, js = tmp_path / "r.sarif", tmp_path / "r.json"
    proc = run_cli("scan", root, "--sarif-output", sarif, "--json-output", js)
    assert proc.returncode == 1, proc.stderr  # the public bucket; parse errors alone would not fail
    assert "Traceback" not in proc.stderr

    results = json.loads(js.read_text())
    errors = {e["path"]: e for e in results["errors"]}
    assert errors["broken/main.tf"]["line"] == 2 and "invalid HCL" in errors["broken/main.tf"]["message"]
    assert errors["broken.yaml"]["line"] == 3 and "invalid YAML" in errors["broken.yaml"]["message"]
    assert errors["broken.json"]["line"] == 4 and "invalid JSON" in errors["broken.json"]["message"]
    assert errors["invalid-utf8.yaml"]["line"] == 1 and "UTF-8" in errors["invalid-utf8.yaml"]["message"]
    assert errors["passwd"]["kind"] == "refused" and "outside the scan root" in errors["passwd"]["message"]
    assert "root:x:0:0" not in js.read_text() + sarif.read_text() + proc.stdout

    found = {(f["rule_id"], f["address"] or f["pointer"]) for f in results["findings"]}
    assert ("MLC-AWS-S3-002", "aws_s3_bucket.data") in found
    assert ("MLC-AWS-S3-001", "aws_s3_bucket.data") in found
    assert ("MLC-K8S-IMAGE-001", "spec/containers/0/image") in found
    assert not any("broken" in (f["address"] or "") for f in results["findings"])

    notes = sarif_file(sarif)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    uris = {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes}
    assert {"broken/main.tf", "broken.yaml", "broken.json", "invalid-utf8.yaml", "passwd"} <= uris

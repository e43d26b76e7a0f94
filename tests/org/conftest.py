"""A small test org: five git repositories with Terraform and Kubernetes files the rules flag."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import REPO_ROOT, git, init_repo, write_files

# aws_s3_bucket with a public ACL: S3-001 (low), S3-002 (critical), S3-003 (medium).
PUBLIC_BUCKET = 'resource "aws_s3_bucket" "{name}" {{\n  bucket = "{name}"\n  acl    = "public-read"\n}}\n'
# No ACL but no encryption and no public access block: S3-001 (low), S3-003 (medium).
PLAIN_BUCKET = 'resource "aws_s3_bucket" "{name}" {{\n  bucket = "{name}"\n}}\n'
UNPINNED = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: t\n      image: {image}\n"
)
PINNED_IMAGE = "ghcr.io/acme/trainer@sha256:" + "a" * 64

ORG = {
    "alpha": {"main.tf": PUBLIC_BUCKET.format(name="datasets"), "k8s/train.yaml": UNPINNED.format(image="py:latest")},
    "beta": {"main.tf": PLAIN_BUCKET.format(name="features")},
    "gamma": {"k8s/serve.yaml": UNPINNED.format(image="nginx")},
    "delta": {"README.md": "# nothing to flag\n", "params.yaml": "lr: 0.1\n"},
    "team/epsilon": {
        "infra/main.tf": PUBLIC_BUCKET.format(name="weights") + PLAIN_BUCKET.format(name="logs"),
        "k8s/job.yaml": UNPINNED.format(image="busybox:latest"),
    },
}


def make_org(root: Path) -> dict[str, Path]:
    return {name: init_repo(root / name, files) for name, files in ORG.items()}


def change_alpha(repo: Path) -> None:
    """Fix one finding (pin the image) and add others (a second, unencrypted bucket)."""
    write_files(
        repo,
        {
            "k8s/train.yaml": UNPINNED.format(image=PINNED_IMAGE),
            "main.tf": PUBLIC_BUCKET.format(name="datasets") + PLAIN_BUCKET.format(name="scratch"),
        },
    )
    git(repo, "commit", "-qam", "pin image, add scratch bucket")


@pytest.fixture
def org(tmp_path: Path) -> dict[str, Path]:
    return make_org(tmp_path / "org")


def validate_report(doc: dict) -> None:
    schema = json.loads((REPO_ROOT / "scanner" / "schemas" / "org-report.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, f"{list(errors[0].absolute_path)}: {errors[0].message}"


def processes_running(marker: str, settle: float = 5.0) -> list[int]:
    """Live processes whose command line contains `marker`, once they had `settle` s to exit."""
    deadline = time.monotonic() + settle
    while (found := _matching(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def _matching(marker: str) -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        except OSError:
            continue
        if marker in cmdline and state != "Z":
            found.append(int(pid))
    return found

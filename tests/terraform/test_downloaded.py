"""Modules `terraform init` downloaded are read from .terraform/modules (scanner/terraform/downloaded.py)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from scanner.documents import Document, ScanError
from scanner.loaders import budgets
from scanner.terraform import load as terraform
from scanner.walk import list_files

CALL = (
    'module "store" {\n  source  = "terraform-aws-modules/s3-bucket/aws"\n  version = "4.0.0"\n  name    = "acme"\n}\n'
)
BUCKET = 'variable "name" {}\nresource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\n'
NOTE = "module store: its source is not a local path; not read (mlcomply never downloads modules)"


def _manifest(*modules: tuple[str, str]) -> str:
    entries: list[dict[str, Any]] = [{"Key": "", "Source": "", "Dir": "."}]
    entries += [{"Key": k, "Source": "registry.terraform.io/x/y/aws", "Version": "1.0.0", "Dir": d} for k, d in modules]
    return json.dumps({"Modules": entries})


def _load(root: Path) -> tuple[list[Document], list[ScanError]]:
    listing = list_files([root])
    entries = [e for e in listing.files if e.rel.endswith((".tf", ".tf.json"))]
    return terraform.load_modules(listing.root, entries, timeout=30.0)


def _addresses(docs: list[Document]) -> dict[str, list[tuple[str, str]]]:
    return {d.path: [(r["address"], r["file"]) for r in d.data["resources"]] for d in docs}


def _errors(errors: list[ScanError]) -> list[tuple[str, int | None, str, str]]:
    return [(e.path, e.line, e.kind, e.message) for e in errors]


def test_a_downloaded_registry_module_is_evaluated(make_repo: Callable[..., Path]) -> None:
    # .terraform is never committed: the walk (git's index here) does not list it.
    root = make_repo({"infra/main.tf": CALL})
    files: Mapping[str, str] = {
        "infra/.terraform/modules/modules.json": _manifest(("store", ".terraform/modules/store")),
        "infra/.terraform/modules/store/main.tf": BUCKET,
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    docs, errors = _load(root)
    assert errors == []
    assert _addresses(docs) == {
        "infra": [("module.store.aws_s3_bucket.this", "infra/.terraform/modules/store/main.tf")]
    }
    assert docs[0].data["resources"][0]["config"]["bucket"] == "acme"


def test_without_a_manifest_the_call_is_one_note(make_repo: Callable[..., Path]) -> None:
    docs, errors = _load(make_repo({"infra/main.tf": CALL}, git_repo=False))
    assert _errors(errors) == [("infra/main.tf", 1, "note", NOTE)]
    assert _addresses(docs) == {"infra": []}


def test_one_note_per_call_however_many_roots_reach_it(make_repo: Callable[..., Path]) -> None:
    shared = {
        "modules/data/main.tf": CALL,
        "envs/dev/main.tf": 'module "data" {\n  source = "../../modules/data"\n}\n',
        "envs/prod/main.tf": 'module "data" {\n  source = "../../modules/data"\n}\n',
    }
    docs, errors = _load(make_repo(shared, git_repo=False))
    assert sorted(d.path for d in docs) == ["envs/dev", "envs/prod"]
    assert _errors(errors) == [("modules/data/main.tf", 1, "note", NOTE)]


def test_nested_downloaded_modules(make_repo: Callable[..., Path]) -> None:
    outer = 'module "inner" {\n  source = "git::https://example.com/inner.git"\n  name   = "acme-inner"\n}\n'
    root = make_repo(
        {
            "main.tf": CALL,
            ".terraform/modules/modules.json": _manifest(
                ("store", ".terraform/modules/store"), ("store.inner", ".terraform/modules/store.inner")
            ),
            ".terraform/modules/store/main.tf": 'variable "name" {}\n' + outer,
            ".terraform/modules/store.inner/main.tf": BUCKET,
        },
        git_repo=False,
    )
    docs, errors = _load(root)
    assert errors == []
    assert _addresses(docs) == {
        ".": [("module.store.module.inner.aws_s3_bucket.this", ".terraform/modules/store.inner/main.tf")]
    }


def test_a_folder_outside_the_root_is_refused_and_never_read(make_repo: Callable[..., Path], tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "main.tf").write_text(BUCKET)
    root = make_repo(
        {
            "main.tf": CALL + CALL.replace('"store"', '"abs"'),
            ".terraform/modules/modules.json": _manifest(("store", "../outside"), ("abs", str(outside))),
        },
        git_repo=False,
    )
    docs, errors = _load(root)
    manifest = ".terraform/modules/modules.json"
    assert sorted(_errors(errors), key=str) == [
        (manifest, None, "refused", "read module manifest: module abs: its folder is outside the scan root; not read"),
        (
            manifest,
            None,
            "refused",
            "read module manifest: module store: its folder is outside the scan root; not read",
        ),
        ("main.tf", 1, "note", NOTE),
        ("main.tf", 6, "note", NOTE.replace("store", "abs")),
    ]
    assert _addresses(docs) == {".": []}


def test_a_linked_module_folder_is_refused(make_repo: Callable[..., Path], tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "main.tf").write_text(BUCKET)
    root = make_repo(
        {"main.tf": CALL, ".terraform/modules/modules.json": _manifest(("store", ".terraform/modules/store"))},
        git_repo=False,
    )
    os.symlink(elsewhere, root / ".terraform/modules/store")
    docs, errors = _load(root)
    assert _errors(errors) == [
        (
            ".terraform/modules/modules.json",
            None,
            "refused",
            "read module manifest: module store: symbolic link; not followed",
        ),
        ("main.tf", 1, "note", NOTE),
    ]
    assert _addresses(docs) == {".": []}


def test_a_bad_manifest_is_a_parse_error(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"main.tf": CALL, ".terraform/modules/modules.json": '{"Modules": ['}, git_repo=False)
    _, errors = _load(root)
    assert _errors(errors)[0][:3] == (".terraform/modules/modules.json", None, "parse")
    assert _errors(errors)[1] == ("main.tf", 1, "note", NOTE)


def test_a_downloaded_file_over_the_size_budget_is_not_read(make_repo: Callable[..., Path]) -> None:
    root = make_repo(
        {
            "main.tf": CALL,
            ".terraform/modules/modules.json": _manifest(("store", ".terraform/modules/store")),
            ".terraform/modules/store/main.tf.json": json.dumps({"variable": {"name": {}}, "x": "y" * 2048}),
        },
        git_repo=False,
    )
    with budgets.applied(budgets.Budgets(max_hcl_bytes=1024)):
        _, errors = _load(root)
    [error] = [e for e in errors if e.kind == "limit"]
    assert error.path == ".terraform/modules/store/main.tf.json"
    assert error.message.startswith("read downloaded module: ")

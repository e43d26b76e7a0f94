"""Terraform budgets: HCL size and nesting, the per-module and whole-stage time budgets. A file
over a budget stays out of what tfparse reads: its module is evaluated without it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from scanner.documents import Document, ScanError
from scanner.loaders.budgets import Budgets, applied
from scanner.terraform import load as terraform
from scanner.walk import list_files

GOOD = 'resource "t" "ok" {}\n'
SLOW = 'resource "t" "r" {\n count = 20000\n}\n'  # tfparse is quadratic in count: never finishes


def load(root: Path, budgets: Budgets) -> tuple[list[Document], list[ScanError]]:
    listing = list_files([root])
    entries = [e for e in listing.files if e.rel.endswith((".tf", ".tf.json"))]
    with applied(budgets):
        return terraform.load_modules(listing.root, entries)


def _errors(errors: list[ScanError]) -> list[tuple[str, str]]:
    return [(e.path, e.kind) for e in errors]


def test_hcl_size_budget(make_repo: Callable[..., Path]) -> None:
    big = 'resource "t" "big" {\n  v = "' + "x" * 4000 + '"\n}\n'
    root = make_repo({"big/main.tf": big, "big/other.tf": GOOD, "good/main.tf": GOOD}, git_repo=False)
    docs, errors = load(root, Budgets(max_hcl_bytes=2000))
    assert _errors(errors) == [("big/main.tf", "limit")]
    assert "larger than 2000; not parsed (budget max_hcl_bytes: 2000)" in errors[0].message
    assert {d.path: [r["address"] for r in d.data["resources"]] for d in docs} == {"big": ["t.ok"], "good": ["t.ok"]}


def test_nesting_budget_in_hcl_tfvars_and_tf_json(make_repo: Callable[..., Path]) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    root = make_repo(
        {
            "a/main.tf": f"locals {{\n  x = {deep}\n}}\n",
            "b/main.tf.json": '{"locals": {"x": ' + deep + "}}",
            "c/main.tf": 'variable "v" {\n  default = "d"\n}\nresource "t" "c" {\n  v = var.v\n}\n',
            "c/terraform.tfvars": f"v = {deep}\n",
            "good/main.tf": GOOD,
        },
        git_repo=False,
    )
    docs, errors = load(root, Budgets())
    limits = [(e.path, e.line) for e in errors if "nested deeper than 200" in e.message]
    assert limits == [("a/main.tf", 2), ("b/main.tf.json", 1), ("c/terraform.tfvars", 1)]
    assert all(e.kind == "limit" for e in errors)
    assert all("budget max_nesting_depth: 200" in e.message for e in errors if "nested" in e.message)
    (c,) = [d for d in docs if d.path == "c"]
    assert c.data["resources"][0]["config"]["v"] == "d"  # evaluated without the variable file
    assert sorted(d.path for d in docs) == ["c", "good"]  # a and b had no other file


def test_whole_stage_time_budget(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"a/main.tf": GOOD, "b/main.tf": SLOW, "c/main.tf": SLOW, "d/main.tf": SLOW}, git_repo=False)
    started = time.monotonic()
    docs, errors = load(root, Budgets(terraform_seconds=4, terraform_module_seconds=60))
    assert time.monotonic() - started < 20
    assert [d.path for d in docs] == ["a"]
    assert _errors(errors) == [("b/main.tf", "limit"), ("c/main.tf", "limit"), ("d/main.tf", "limit")]
    assert "gave up after" in errors[0].message
    assert "budget terraform_seconds: 4" in errors[0].message
    for later in errors[1:]:
        assert "not evaluated: the Terraform time budget is spent (budget terraform_seconds: 4)" in later.message


def test_module_time_budget(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"a/main.tf": GOOD, "b/main.tf": SLOW}, git_repo=False)
    docs, errors = load(root, Budgets(terraform_module_seconds=2))
    assert [d.path for d in docs] == ["a"]
    assert _errors(errors) == [("b/main.tf", "limit")]
    assert "gave up after 2 s" in errors[0].message
    assert "budget terraform_module_seconds: 2" in errors[0].message

"""Isolation in the pipeline (scanner/scan.py): a bug on one file, Terraform root module, rule or
hit costs that one only, and says so as an internal scan error carrying the exception type."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from scanner import formats
from scanner import scan as pipeline
from scanner.documents import Document
from scanner.filters import suppress
from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.terraform import load as terraform
from scanner.walk import FileEntry

SECRET = "s3cr3t-in-the-exception"
PUBLIC = 'resource "aws_s3_bucket" "{name}" {{\n  bucket = "{name}"\n  acl    = "public-read"\n}}\n'
POD = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: trainer:latest\n"
FILES = {
    "a/main.tf": PUBLIC.format(name="first"),
    "b/main.tf": PUBLIC.format(name="second"),
    "one.yaml": POD,
    "two.yaml": POD,
}


def boom(*_: Any) -> Any:
    raise ValueError(SECRET)


def found(result: pipeline.ScanResult) -> set[tuple[str, str]]:
    return {(f.rule_id, f.path) for f in result.findings}


def internal(result: pipeline.ScanResult) -> dict[str, str]:
    errors = {e.path: e.message for e in result.errors if e.kind == "internal"}
    assert not any(SECRET in m for m in errors.values())
    assert all("(ValueError)" in m and "please report" in m for m in errors.values())
    return errors


def test_loader_bug_costs_that_file_only(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    yaml_format = formats.FORMATS["yaml"]

    def load(entry: FileEntry) -> list[Document]:
        return boom() if entry.rel == "one.yaml" else yaml_format.load(entry)

    # A format's loader is its module's function (imported at first use): a stand-in module here.
    monkeypatch.setitem(formats.FORMATS, "yaml", replace(yaml_format, module=SimpleNamespace(load=load)))
    result = scan([make_repo(FILES)], builtin_rules)
    assert list(internal(result)) == ["one.yaml"]
    assert {("MLC-K8S-IMAGE-001", "two.yaml"), ("MLC-AWS-S3-002", "a/main.tf")} <= found(result)


def test_format_sniffing_bug_costs_that_file_only(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    kind_for = formats.kind_for
    monkeypatch.setattr(formats, "kind_for", lambda e: boom() if e.rel == "two.yaml" else kind_for(e))
    result = scan([make_repo(FILES)], builtin_rules)
    assert list(internal(result)) == ["two.yaml"]
    assert ("MLC-K8S-IMAGE-001", "one.yaml") in found(result)


def test_terraform_module_bug_costs_that_module_only(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    root_document = terraform._root_document

    def build(mod: Any, *args: Any) -> Document:
        return boom() if mod.directory == "a" else root_document(mod, *args)

    monkeypatch.setattr(terraform, "_root_document", build)
    result = scan([make_repo(FILES)], builtin_rules)
    assert list(internal(result)) == ["a/main.tf"]
    assert ("MLC-AWS-S3-002", "b/main.tf") in found(result)
    assert not any(path == "a/main.tf" for _, path in found(result))


def test_finding_that_cannot_be_built_costs_that_hit_only(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_finding = pipeline.make_finding

    def build(meta: Any, doc: Document, hit: Any, *rest: Any) -> Any:
        return boom() if doc.path == "one.yaml" else make_finding(meta, doc, hit, *rest)

    monkeypatch.setattr(pipeline, "make_finding", build)
    result = scan([make_repo(FILES)], builtin_rules)
    assert internal(result) == {
        "one.yaml": "internal error in rule MLC-K8S-IMAGE-001 (ValueError); please report it to mlcomply"
    }
    assert ("MLC-K8S-IMAGE-001", "two.yaml") in found(result)


def test_rego_input_bug_costs_that_document_only(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = builtin_rules.rego.backend
    set_input = backend.set_input

    def take(value: Any) -> None:
        return boom() if value["path"] == "a" else set_input(value)

    monkeypatch.setattr(backend, "set_input", take)
    result = scan([make_repo(FILES)], builtin_rules)
    assert list(internal(result)) == ["a"]
    assert ("MLC-AWS-S3-002", "b/main.tf") in found(result)


def test_suppression_bug_costs_that_file_only(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    ignored = POD.replace(":latest\n", ":latest  # mlcomply:ignore MLC-K8S-IMAGE-001 pinned by the deploy job\n")
    root = make_repo({"one.yaml": ignored, "two.yaml": ignored})
    result = scan([root], builtin_rules)
    read = suppress._read
    monkeypatch.setattr(
        suppress, "_read", lambda root, path, *a: boom() if path == "one.yaml" else read(root, path, *a)
    )
    notes: list[str] = []
    out = suppress.apply(
        result.findings, root, result.docs, result.rules, suppress.Policy(), datetime.date(2026, 1, 1), notes
    )
    state = {f.path: f.suppression is not None for f in out if f.rule_id == "MLC-K8S-IMAGE-001"}
    assert state == {"one.yaml": False, "two.yaml": True}
    assert notes == ["one.yaml: inline ignores not read: internal error (ValueError); please report it"]


def test_cross_document_rules_survive_one_unreadable_record(
    tmp_path: Path, builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Card-vs-provenance pairing reads every record: one it cannot read costs that record only."""
    from scanner.consistency import pairing

    record = (Path(__file__).parent / "fixtures" / "provenance" / "example-model.prov.json").read_text()
    card = "---\nlicense: mit\npipeline_tag: text-classification\n---\n# Model\n"
    root = tmp_path / "repo"
    for rel, text in {"a/README.md": card, "a/model.prov.json": record, "b/README.md": card}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    before = scan([root], builtin_rules)
    assert {d.path for d in before.docs if d.kind == "modelcard"} == {"a/README.md", "b/README.md"}

    monkeypatch.setattr(pairing, "models", boom)
    result = scan([root], builtin_rules)
    # Only the record's own rules may fail; the cards' cross-document rules still ran.
    assert not [e for e in result.errors if e.kind == "internal" and e.path.endswith("README.md")]
    cards = {(r, p) for r, p in found(before) if p.endswith("README.md")}
    assert cards and {(r, p) for r, p in found(result) if p.endswith("README.md")} >= cards - {
        (r, "a/README.md")
        for r, _ in cards  # a/'s card lost its partner record: its pairing differs
    }

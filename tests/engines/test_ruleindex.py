"""The shipped rule index (rules/index.json): current, equal to reading every rule the slow way,
ignored where a file changed, and what lets a run import and compile only the rules it needs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scanner import formats
from scanner.builtin import builtin_dir
from scanner.documents import Document, ScanError
from scanner.engines import ruleindex
from scanner.engines.rego import RegoEngine, RegorusBackend
from scanner.rulesets import load_ruleset
from scanner.scan import scan
from tests.conftest import REPO_ROOT

PUBLIC_BUCKET = 'resource "aws_s3_bucket_acl" "b" {\n  bucket = "acme-training-data"\n  acl    = "public-read"\n}\n'


def _terraform_doc(tmp_path: Path) -> Document:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "main.tf").write_text(PUBLIC_BUCKET)
    docs = [d for d in scan([tmp_path], load_ruleset()).docs if d.kind == "terraform"]
    assert len(docs) == 1
    return docs[0]


def test_the_shipped_index_is_current() -> None:
    current = ruleindex.current(load_ruleset(use_index=False), formats.kinds())
    assert ruleindex.path().read_text(encoding="utf-8") == current, (
        "rules/index.json is out of date: run `python -m scanner.ruledocs` at the top of the repository and commit it"
    )


def test_the_index_gives_every_rule_exactly_the_metadata_of_the_slow_way() -> None:
    indexed = load_ruleset()
    slow = load_ruleset(use_index=False)
    assert indexed.metas == slow.metas
    assert [r.package for r in indexed.rego.rules] == [r.package for r in slow.rego.rules]
    assert [(r.path, r.class_name) for r in indexed.python] == [(r.path, r.class_name) for r in slow.python]


def test_with_the_index_no_rule_is_imported_until_a_document_needs_it() -> None:
    ruleset = load_ruleset()
    assert all(r._rule is None for r in ruleset.python)  # not imported yet
    first = ruleset.active_python("terraform", True)[0]
    assert first.rule.id == first.meta.id  # imported now, from the module the index named
    assert [r.meta.id for r in ruleset.python if r._rule is not None] == [first.meta.id]


class Recording(RegorusBackend):
    def __init__(self) -> None:
        super().__init__()
        self.compiled: list[str] = []

    def add_policy(self, path: str, text: str) -> None:
        here = Path(path)
        self.compiled.append(
            here.relative_to(builtin_dir("rego")).as_posix() if here.is_relative_to(builtin_dir("rego")) else here.name
        )
        super().add_policy(path, text)


def _engine(index: ruleindex.RuleIndex | None) -> tuple[RegoEngine, Recording]:
    backend = Recording()
    return RegoEngine([builtin_dir("rego")], formats.kinds(), backend, index), backend


def test_rego_rule_packages_compile_when_their_rules_first_run_with_the_same_results(tmp_path: Path) -> None:
    lazy, lazy_backend = _engine(ruleindex.load(formats.kinds()))
    eager, eager_backend = _engine(None)
    libraries = {p for p in eager_backend.compiled if p.startswith("lib/")}
    assert set(lazy_backend.compiled) == libraries  # only the libraries, up front

    doc = _terraform_doc(tmp_path)
    terraform_rules = [r for r in lazy.rules if "terraform" in r.meta.input_kinds]
    hits_lazy = [(r.meta.id, h) for r, h in lazy.evaluate(doc, terraform_rules, [])]
    hits_eager = [
        (r.meta.id, h)
        for r, h in eager.evaluate(doc, [r for r in eager.rules if "terraform" in r.meta.input_kinds], [])
    ]
    assert hits_lazy == hits_eager and hits_lazy  # the public-read ACL is reported
    compiled = set(lazy_backend.compiled) - libraries
    packages = {Path(r.meta.source).relative_to(builtin_dir("rego")).as_posix() for r in terraform_rules}
    assert compiled == packages
    assert len(compiled) < len(set(eager_backend.compiled) - libraries)  # the other kinds' rules wait


def test_a_user_policy_reading_a_built_in_rule_package_gets_it_compiled_up_front(tmp_path: Path) -> None:
    doc = _terraform_doc(tmp_path / "repo")
    eager, _ = _engine(None)
    terraform_rules = [r for r in eager.rules if "terraform" in r.meta.input_kinds]
    rule = next(r for r, _ in eager.evaluate(doc, terraform_rules, []))  # one that reports this file
    policy = tmp_path / "policies" / "mine.rego"
    policy.parent.mkdir()
    policy.write_text(
        "# METADATA\n# title: reads a built-in rule\n# custom:\n#   id: MLC-ORG-READS-001\n#   severity: low\n"
        "#   category: supply-chain\n#   nist_ai_rmf: [GOVERN 1.1]\n"
        "#   description: reports what the built-in rule reports\n#   remediation: follow the built-in rule\n"
        "#   input_kinds: [terraform]\n#   atlas_none: an organisation's own check\n"
        "package org.reads\nimport rego.v1\n\n"
        f'deny contains "same as built-in" if count(data.{rule.package}.deny) > 0\n'
    )
    backend = Recording()
    engine = RegoEngine([builtin_dir("rego"), policy.parent], formats.kinds(), backend, ruleindex.load(formats.kinds()))
    assert Path(rule.meta.source).relative_to(builtin_dir("rego")).as_posix() in backend.compiled
    mine = [r for r in engine.rules if r.meta.id == "MLC-ORG-READS-001"]
    errors: list[ScanError] = []
    assert [h.message for _, h in engine.evaluate(doc, mine, errors)] == ["same as built-in"]
    assert errors == []


def _index_data() -> dict[str, Any]:
    return json.loads(ruleindex.path().read_text(encoding="utf-8"))


def test_an_entry_whose_file_changed_is_read_the_slow_way() -> None:
    data = _index_data()
    index = ruleindex.RuleIndex(data)
    rel, _ = next(iter(data["rego"].items()))
    path = builtin_dir("rego") / rel
    text = path.read_text(encoding="utf-8")
    assert index.rego(path, text) is not None
    assert index.rego(path, text + "\n# edited\n") is None

    module_rel, entry = next((k, v) for k, v in data["python"].items() if v["sources"])
    module = builtin_dir("rules") / module_rel
    assert index.python(module) is not None
    changed_base = dict(entry, sources={k: "0" * 64 for k in entry["sources"]})
    assert ruleindex.RuleIndex({**data, "python": {module_rel: changed_base}}).python(module) is None
    changed_file = dict(entry, sha256="0" * 64)
    assert ruleindex.RuleIndex({**data, "python": {module_rel: changed_file}}).python(module) is None


def test_an_index_built_by_other_metadata_code_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ruleindex.load(formats.kinds()) is not None
    assert ruleindex.load([*formats.kinds(), "a-new-kind"]) is None  # the loader registry changed
    monkeypatch.setattr(ruleindex, "path", lambda: REPO_ROOT / "no-such-index.json")
    assert ruleindex.load(formats.kinds()) is None
    slow = load_ruleset(use_index=False)
    assert load_ruleset().metas == slow.metas  # and the run is the same without it


def test_a_scan_with_the_index_reports_what_the_slow_way_reports(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(PUBLIC_BUCKET)
    (tmp_path / "train.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    runs = [scan([tmp_path], ruleset) for ruleset in (load_ruleset(), load_ruleset(use_index=False))]
    assert [f.fingerprint for f in runs[0].findings] == [f.fingerprint for f in runs[1].findings]
    assert runs[0].findings and runs[0].errors == runs[1].errors
    assert runs[0].rule_documents == runs[1].rule_documents

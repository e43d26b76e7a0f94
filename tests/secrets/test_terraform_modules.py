"""Secrets in Terraform modules: a module's files are scanned once per scan, however many root
modules call it (they were scanned once per calling root: 200 roots sharing a module scanned
its files 200 times), and the secret is still reported."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.secrets import terraform
from tests.tfparse_waits import slow_tfparse

# Made-up keys of AWS's shape, split so that this file holds none (documentation examples
# such as AKIAIOSFODNN7EXAMPLE are allowed on purpose, so they would not be reported).
KEY_ID = "AKIA" + "Q3RZ7HW2LXK5M4TB"
SECRET = "h8Kq2Vn5Rt9Wx3Zb7Lm4" + "Pd6Fg1Js0Yc8Nv2Tq5Xe"


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the secrets detector is run on, in order."""
    paths: list[str] = []
    real = terraform.detect

    def counting(text: str, path: str = "") -> Any:
        paths.append(path)
        return real(text, path)

    monkeypatch.setattr(terraform, "detect", counting)
    return paths


def _summary(result: Any) -> list[Any]:
    return [(f.rule_id, f.path, f.start_line, f.fingerprint, f.message) for f in result.findings]


def test_a_shared_module_is_scanned_once(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, scanned: list[str]
) -> None:
    call = 'module "m" {\n  source = "../../modules/m"\n}\n'
    files = {f"live/r{n}/main.tf": call for n in range(4)}
    files["modules/m/main.tf"] = (
        f'provider "aws" {{\n  access_key = "{KEY_ID}"\n  secret_key = "{SECRET}"\n}}\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
    )
    root = make_repo(files)
    result = scan([root], builtin_rules)
    assert len([d for d in result.docs if d.kind == "terraform"]) == 4
    assert scanned.count("modules/m/main.tf") == 1
    assert sorted(scanned) == sorted(["modules/m/main.tf", *(f"live/r{n}/main.tf" for n in range(4))])
    secret_findings = [f for f in result.findings if f.path == "modules/m/main.tf" and "SECRET" in f.rule_id]
    assert secret_findings, [f.rule_id for f in result.findings]
    assert all(KEY_ID not in f.message and SECRET not in f.message for f in result.findings)


def test_files_scanned_while_tfparse_works_give_the_same_findings(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch, scanned: list[str]
) -> None:
    """The scan's process scans the .tf files for secrets while it waits for tfparse (each once,
    before the rules ask); the findings are those of scanning them after loading."""
    from scanner import scan as scan_module

    files = {
        "infra/main.tf": f'provider "aws" {{\n  access_key = "{KEY_ID}"\n  secret_key = "{SECRET}"\n}}\n',
        "infra/db.tf": 'resource "aws_db_instance" "d" {\n  password = "Tr0ub4dor-and-3-more"\n}\n',
        "other/x.tf": 'variable "v" {\n  default = "n"\n}\n',
    }
    root = make_repo(files)
    at_evaluation: list[int] = []
    real_evaluate = scan_module.evaluate

    def evaluate(*args: Any, **kwargs: Any) -> Any:
        at_evaluation.append(len(scanned))
        return real_evaluate(*args, **kwargs)

    slow_tfparse(monkeypatch)
    monkeypatch.setattr(scan_module, "evaluate", evaluate)
    ahead = scan([root], builtin_rules)
    assert sorted(scanned) == sorted(files) and at_evaluation == [len(files)]  # all before the rules ran
    monkeypatch.setattr(scan_module, "_secrets_ahead", lambda *_: None)
    after = scan([root], builtin_rules)
    assert _summary(ahead) == _summary(after) and any(f.path == "infra/main.tf" for f in ahead.findings)


def test_a_warm_scan_scans_again_only_the_files_that_held_a_secret(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, scanned: list[str], tmp_path: Path
) -> None:
    """A unit's cache entry names its .tf files in which the secrets rule found nothing (never a
    secret): a warm scan takes them as scanned and reads the others again, with the same findings.
    A unit with a secret in its files is not cached at all: its documents hold the value."""
    from scanner.cache import Cache
    from scanner.terraform import unitcache

    files = {
        "live/a/main.tf": 'module "m" {\n  source = "../../modules/m"\n}\n',
        "live/a/db.tf": f'resource "aws_db_instance" "d" {{\n  password = "{SECRET}"\n}}\n',
        "live/b/main.tf": 'module "m" {\n  source = "../../modules/m"\n}\n',
        "modules/m/main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
    }
    root = make_repo(files)
    cold = scan([root], builtin_rules, cache=Cache(tmp_path / "cache"))
    assert sorted(scanned) == sorted(files)
    entries = list((tmp_path / "cache").rglob("*.json"))
    stored = [json.loads(p.read_text())["value"]["clean"] for p in entries]
    assert stored == [["live/b/main.tf", "modules/m/main.tf"]]
    assert not any(SECRET in p.read_text() for p in entries)
    scanned.clear()
    warm = scan([root], builtin_rules, cache=Cache(tmp_path / "cache"))
    assert sorted(scanned) == ["live/a/db.tf", "live/a/main.tf"]  # the module's file: clean by live/b's entry
    assert _summary(warm) == _summary(cold) and any(f.path == "live/a/db.tf" for f in warm.findings)
    plain = scan([root], builtin_rules)
    assert _summary(plain) == _summary(cold)
    assert unitcache.clean_files({"clean": ["live/a/db.tf", "../x.tf", 3, "live/a/b.tf.json"]}, ["live/a/db.tf"]) == [
        "live/a/db.tf"
    ]
    assert unitcache.clean_files({"clean": "live/a/db.tf"}, ["live/a/db.tf"]) == []


@pytest.mark.parametrize(
    "where",
    [
        {"live/a/terraform.tfvars": f'db_password = "{SECRET}"\n'},  # a variable file of the unit
        {"live/a/main.tf": f'variable "db_password" {{\n  default = "{SECRET}"\n}}\n'},  # a default
    ],
)
def test_no_cache_entry_holds_a_secret(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, tmp_path: Path, where: dict[str, str]
) -> None:
    """The value reaches the unit's documents (the evaluated password) wherever it is written: the
    unit is not cached, and the clean unit beside it is."""
    from scanner.cache import Cache

    files = {
        "live/a/main.tf": 'variable "db_password" {}\n',
        "live/a/db.tf": 'resource "aws_db_instance" "d" {\n  password = var.db_password\n}\n',
        "live/b/main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
        **where,
    }
    root = make_repo(files)
    cold = scan([root], builtin_rules, cache=Cache(tmp_path / "cache"))
    assert any(f.category == "secrets" and f.path.startswith("live/a/") for f in cold.findings)
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 1 and not any(SECRET in p.read_text() for p in entries)
    warm = scan([root], builtin_rules, cache=Cache(tmp_path / "cache"))
    assert _summary(warm) == _summary(cold)


def test_a_secret_in_a_var_file_keeps_every_unit_out_of_the_cache(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, tmp_path: Path
) -> None:
    """A --var-file's values reach every root module: with a secret in it, nothing is cached."""
    from scanner.cache import Cache

    files = {
        "live/a/main.tf": (
            'variable "db_password" {}\nresource "aws_db_instance" "d" {\n  password = var.db_password\n}\n'
        ),
        "live/b/main.tf": 'variable "db_password" {}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
        "vars/prod.tfvars": f'db_password = "{SECRET}"\n',
    }
    root = make_repo(files)
    cold = scan([root], builtin_rules, var_files=[root / "vars/prod.tfvars"], cache=Cache(tmp_path / "cache"))
    assert any(f.category == "secrets" for f in cold.findings)
    assert not list((tmp_path / "cache").rglob("*.json"))
    # Without it, the file is still reported, but no unit reads it: both are cached, without it.
    unread = scan([root], builtin_rules, cache=Cache(tmp_path / "cache"))
    assert [f.path for f in unread.findings if f.category == "secrets"] == ["vars/prod.tfvars"]
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 2 and not any(SECRET in p.read_text() for p in entries)

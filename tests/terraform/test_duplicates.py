"""Duplicate addresses in one module are parse errors naming both places (scanner/terraform/duplicates.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from scanner.terraform import duplicates
from scanner.terraform import load as terraform
from scanner.walk import list_files

BUCKET = 'resource "aws_s3_bucket" "a" {\n  bucket = "x"\n}\n'


def _errors(root: Path) -> tuple[list[tuple[str, int | None, str]], list[str]]:
    listing = list_files([root])
    entries = [e for e in listing.files if e.rel.endswith((".tf", ".tf.json"))]
    docs, errors = terraform.load_modules(listing.root, entries, timeout=30.0)
    addresses = [r["address"] for d in docs for r in d.data["resources"]]
    return [(e.path, e.line, e.message) for e in errors if e.kind == "parse"], addresses


REJECTS = "Terraform rejects the module"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"a.tf": BUCKET, "b.tf": "\n\n" + BUCKET},
            [("b.tf", 3, f"duplicate resource address aws_s3_bucket.a: also declared at a.tf:1; {REJECTS}")],
            id="two-files",
        ),
        pytest.param(
            {"main.tf": BUCKET + "\n" + BUCKET},
            [("main.tf", 5, f"duplicate resource address aws_s3_bucket.a: also declared at main.tf:1; {REJECTS}")],
            id="one-file",
        ),
        pytest.param(
            {"main.tf": 'data "aws_iam_policy_document" "p" {}\ndata "aws_iam_policy_document" "p" {}\n'},
            [
                (
                    "main.tf",
                    2,
                    f"duplicate resource address data.aws_iam_policy_document.p: also declared at main.tf:1; {REJECTS}",
                )
            ],
            id="data-source",
        ),
        pytest.param(
            {"a.tf": 'module "m" {\n  source = "./m"\n}\n', "b.tf": 'module "m" {\n  source = "./m"\n}\n'},
            [("b.tf", 1, f"duplicate module call module.m: also declared at a.tf:1; {REJECTS}")],
            id="module-call",
        ),
        pytest.param(
            {"a.tf": BUCKET, "b.tf.json": '{"resource": {"aws_s3_bucket": {"a": {"bucket": "y"}}}}'},
            [("b.tf.json", None, f"duplicate resource address aws_s3_bucket.a: also declared at a.tf:1; {REJECTS}")],
            id="json-syntax",
        ),
        pytest.param(
            # Same name, other type, other mode, other module folder: no duplicate.
            {
                "main.tf": BUCKET + 'resource "aws_sqs_queue" "a" {}\ndata "aws_s3_bucket" "a" {}\n',
                "m/main.tf": BUCKET,
            },
            [],
            id="distinct",
        ),
    ],
)
def test_duplicates(
    make_repo: Callable[..., Path], files: Mapping[str, str], expected: list[tuple[str, int | None, str]]
) -> None:
    errors, _ = _errors(make_repo(files, git_repo=False))
    assert errors == expected


def test_the_rest_of_the_module_is_still_evaluated(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"a.tf": BUCKET, "b.tf": BUCKET + 'resource "aws_sqs_queue" "q" {}\n'}, git_repo=False)
    errors, addresses = _errors(root)
    assert len(errors) == 1
    assert "aws_sqs_queue.q" in addresses


def test_a_label_that_is_not_an_identifier_stays_out_of_the_message(make_repo: Callable[..., Path]) -> None:
    body = 'resource "aws_s3_bucket" "a b" {}\n'
    errors, _ = _errors(make_repo({"a.tf": body, "b.tf": body}, git_repo=False))
    assert errors == [("b.tf", 1, f"duplicate resource address: also declared at a.tf:1; {REJECTS}")]


def _header_lines_by_pattern(text: str, mode: str, labels: tuple[str, ...]) -> list[int]:
    """The definition: a pattern per declaration, searched over the whole text."""
    import re

    quoted = r"[ \t]+".join(rf'"?{re.escape(label)}"?' for label in labels)
    pattern = re.compile(rf"(?m)^[ \t]*{mode}[ \t]+{quoted}[ \t]*\{{")
    return [text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)]


HEADERS = """\
resource "aws_s3_bucket" "data" {
}
  resource aws_s3_bucket "data"{
}
data "aws_iam_policy_document" "p" {}
module "vpc" {
  source = "./vpc"
}
module   vpc {
}
resource "aws_s3_bucket" "data-2" {
}
# resource "aws_s3_bucket" "data" {
x = "resource \\"a\\" \\"b\\" {"
resource "aws_s3_bucket"
  "split" {
}
"""


@pytest.mark.parametrize(
    ("mode", "labels"),
    [
        ("resource", ("aws_s3_bucket", "data")),
        ("resource", ("aws_s3_bucket", "data-2")),
        ("resource", ("aws_s3_bucket", "split")),
        ("data", ("aws_iam_policy_document", "p")),
        ("module", ("vpc",)),
        ("module", ("absent",)),
    ],
)
def test_one_pass_finds_the_lines_a_pattern_per_declaration_finds(mode: str, labels: tuple[str, ...]) -> None:
    assert duplicates.header_lines(HEADERS).get((mode, labels), []) == _header_lines_by_pattern(HEADERS, mode, labels)


def test_a_file_is_searched_only_for_a_duplicate_and_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = duplicates.header_lines
    monkeypatch.setattr(duplicates, "header_lines", lambda text: calls.append(1) or real(text))
    text = "".join(f'resource "aws_s3_bucket" "b{i}" {{\n}}\n' for i in range(500))
    raw = {"resource": {"aws_s3_bucket": {f"b{i}": {} for i in range(500)}}}
    declared: dict[str, list[duplicates.Declaration]] = {}
    for address, declaration in duplicates.declarations("main.tf", raw):
        declared.setdefault(address, []).append(declaration)
    assert duplicates.errors(declared, {"main.tf": text}) == [] and calls == []
    text += 'resource "aws_s3_bucket" "b499" {\n}\nresource "aws_s3_bucket" "b7" {\n}\n'
    raw = {"resource": {"aws_s3_bucket": {**raw["resource"]["aws_s3_bucket"], "b499": [{}, {}], "b7": [{}, {}]}}}
    declared = {}
    for address, declaration in duplicates.declarations("main.tf", raw):
        declared.setdefault(address, []).append(declaration)
    found = duplicates.errors(declared, {"main.tf": text})
    assert len(calls) == 1
    assert [(e.line, e.message) for e in found] == [
        (
            1001,
            "duplicate resource address aws_s3_bucket.b499: also declared at main.tf:999; Terraform rejects the module",
        ),
        (
            1003,
            "duplicate resource address aws_s3_bucket.b7: also declared at main.tf:15; Terraform rejects the module",
        ),
    ]

"""The Terraform resource view: evaluation depth, tfparse quirks, bad input (scanner/terraform/load.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from scanner.documents import Document, ScanError
from scanner.terraform import load as terraform
from scanner.walk import list_files
from tests.conftest import REPO_ROOT

UNKNOWN = terraform.UNKNOWN_KEY


def load(root: Path, var_files: Sequence[Path] = (), timeout: float = 30.0) -> tuple[list[Document], list[ScanError]]:
    listing = list_files([root])
    entries = [e for e in listing.files if e.rel.endswith((".tf", ".tf.json"))]
    return terraform.load_modules(listing.root, entries, var_files, timeout=timeout)


@pytest.fixture
def view(make_repo: Callable[..., Path]) -> Callable[..., dict[str, dict[str, Any]]]:
    """files -> {address: resource} of the one root module, failing on any scan error."""

    def run(files: Mapping[str, str], var_files: Sequence[str] = ()) -> dict[str, dict[str, Any]]:
        root = make_repo(files, git_repo=False)
        docs, errors = load(root, [root / v for v in var_files])
        assert [e for e in errors if e.kind != "note"] == []
        assert len(docs) == 1
        return {r["address"]: r for r in docs[0].data["resources"]}

    return run


def is_unknown(value: Any) -> bool:
    return isinstance(value, dict) and UNKNOWN in value


MODULE_TWICE = {
    "m/main.tf": 'variable "name" {}\nresource "t" "r" {\n v = var.name\n}\n',
    "main.tf": 'module "a" {\n source = "./m"\n name = "acme"\n}\nmodule "b" {\n source = "./m"\n}\n'
    + 'data "d" "x" {}\nmodule "c" {\n source = "./m"\n name = data.d.x.id\n}\n',
}

# (name, files, var files, address, attribute, expected value; UNKNOWN = any unknown marker)
VALUES = [
    (
        "variable default",
        {"main.tf": 'variable "a" {\n default = "x"\n}\nresource "t" "r" {\n v = var.a\n}\n'},
        [],
        "t.r",
        "v",
        "x",
    ),
    (
        "terraform.tfvars beats the default",
        {
            "main.tf": 'variable "a" {\n default = "x"\n}\nresource "t" "r" {\n v = var.a\n}\n',
            "terraform.tfvars": 'a = "tfvars"\n',
        },
        [],
        "t.r",
        "v",
        "tfvars",
    ),
    (
        "*.auto.tfvars beats terraform.tfvars, later names win",
        {
            "main.tf": 'variable "a" {}\nresource "t" "r" {\n v = var.a\n}\n',
            "terraform.tfvars": 'a = "tfvars"\n',
            "a.auto.tfvars": 'a = "auto-a"\n',
            "b.auto.tfvars": 'a = "auto-b"\n',
        },
        [],
        "t.r",
        "v",
        "auto-b",
    ),
    (
        "*.auto.tfvars.json",
        {
            "main.tf": 'variable "a" {}\nresource "t" "r" {\n v = var.a\n}\n',
            "x.auto.tfvars.json": '{"a": "from-json"}',
        },
        [],
        "t.r",
        "v",
        "from-json",
    ),
    (
        "--var-file beats *.auto.tfvars, even outside the module",
        {
            "infra/main.tf": 'variable "a" {}\nresource "t" "r" {\n v = var.a\n}\n',
            "infra/z.auto.tfvars": 'a = "auto"\n',
            "envs/prod.tfvars": 'a = "prod"\n',
        },
        ["envs/prod.tfvars"],
        "t.r",
        "v",
        "prod",
    ),
    (
        "variable without a value is unknown",
        {"main.tf": 'variable "a" {}\nresource "t" "r" {\n v = var.a\n}\n'},
        [],
        "t.r",
        "v",
        UNKNOWN,
    ),
    (
        "locals and functions",
        {"main.tf": 'locals {\n n = upper("ml")\n}\nresource "t" "r" {\n v = "${local.n}-${lower("X")}"\n}\n'},
        [],
        "t.r",
        "v",
        "ML-x",
    ),
    (
        "conditional",
        {
            "main.tf": 'variable "env" {\n default = "prod"\n}\n'
            'resource "t" "r" {\n v = var.env == "prod" ? "private" : "public-read"\n}\n'
        },
        [],
        "t.r",
        "v",
        "private",
    ),
    (
        "count.index inside an instance",
        {"main.tf": 'resource "t" "r" {\n count = 2\n v = "n-${count.index}"\n}\n'},
        [],
        "t.r[1]",
        "v",
        "n-1",
    ),
    (
        "for_each key and value",
        {"main.tf": 'resource "t" "r" {\n for_each = { a = "x" }\n v = "${each.key}-${each.value}"\n}\n'},
        [],
        't.r["a"]',
        "v",
        "a-x",
    ),
    (
        "reference by .id renders the address",
        {
            "main.tf": 'resource "aws_s3_bucket" "b" {\n bucket = "n"\n}\n'
            'resource "t" "r" {\n v = aws_s3_bucket.b.id\n}\n'
        },
        [],
        "t.r",
        "v",
        "aws_s3_bucket.b",
    ),
    (
        "reference by .arn to a resource without that attribute",
        {"main.tf": 'resource "aws_kms_key" "k" {}\nresource "t" "r" {\n v = aws_kms_key.k.arn\n}\n'},
        [],
        "t.r",
        "v",
        "aws_kms_key.k",
    ),
    (
        "reference with a literal count index",
        {"main.tf": 'resource "s" "b" {\n count = 2\n}\nresource "t" "r" {\n v = s.b[1].name\n}\n'},
        [],
        "t.r",
        "v",
        "s.b[1]",
    ),
    (
        "reference with a literal for_each key",
        {"main.tf": 'resource "s" "b" {\n for_each = toset(["x"])\n}\nresource "t" "r" {\n v = s.b["x"].name\n}\n'},
        [],
        "t.r",
        "v",
        's.b["x"]',
    ),
    (
        "reference with count.index from a counted resource",
        {"main.tf": 'resource "s" "b" {\n count = 2\n}\nresource "t" "r" {\n count = 2\n v = s.b[count.index].id\n}\n'},
        [],
        "t.r[0]",
        "v",
        "s.b[0]",
    ),
    (
        "a literal with dots is not a reference",
        {"main.tf": 'resource "s" "b" {}\nresource "t" "r" {\n v = "s.b.models"\n}\n'},
        [],
        "t.r",
        "v",
        "s.b.models",
    ),
    (
        "random values (known after apply) are unknown",
        {
            "main.tf": 'resource "random_id" "x" {\n byte_length = 2\n}\n'
            'resource "t" "r" {\n v = "b-${random_id.x.hex}"\n}\n'
        },
        [],
        "t.r",
        "v",
        UNKNOWN,
    ),
    (
        "data source attribute is unknown",
        {"main.tf": 'data "d" "x" {}\nresource "t" "r" {\n v = data.d.x.name\n}\n'},
        [],
        "t.r",
        "v",
        UNKNOWN,
    ),
    (
        "data source attribute inside a string is unknown",
        {"main.tf": 'data "d" "x" {}\nresource "t" "r" {\n v = "${data.d.x.name}-suffix"\n}\n'},
        [],
        "t.r",
        "v",
        UNKNOWN,
    ),
    (
        "configured id argument survives (tfparse overwrites it)",
        {"main.tf": 'resource "t" "r" {\n owner {\n id = "o-1"\n }\n}\n'},
        [],
        "t.r",
        "owner",
        [{"id": "o-1"}],
    ),
    (
        "single nested block is a list",
        {"main.tf": 'resource "t" "r" {\n b {\n x = 1\n }\n}\n'},
        [],
        "t.r",
        "b",
        [{"x": 1}],
    ),
    (
        "several nested blocks stay a list, in order",
        {"main.tf": 'resource "t" "r" {\n b {\n x = 1\n }\n b {\n x = 2\n }\n}\n'},
        [],
        "t.r",
        "b",
        [{"x": 1}, {"x": 2}],
    ),
    (
        "dynamic block alone is expanded",
        {"main.tf": 'resource "t" "r" {\n dynamic "b" {\n for_each = [1, 2, 3]\n content {\n x = b.value\n }\n }\n}\n'},
        [],
        "t.r",
        "b",
        [{"x": 1}, {"x": 2}, {"x": 3}],
    ),
    (
        "dynamic block with an iterator over a map variable",
        {
            "main.tf": 'variable "m" {\n default = { a = 1, b = 2 }\n}\nresource "t" "r" {\n dynamic "b" {\n'
            " for_each = var.m\n iterator = it\n content {\n k = it.key\n x = it.value\n }\n }\n}\n"
        },
        [],
        "t.r",
        "b",
        [{"k": "a", "x": 1}, {"k": "b", "x": 2}],
    ),
    (
        "dynamic beside static blocks of the same name is unknown (tfparse drops elements)",
        {
            "main.tf": 'resource "t" "r" {\n dynamic "b" {\n for_each = [1, 2, 3]\n'
            " content {\n x = b.value\n }\n }\n"
            " b {\n x = 9\n }\n}\n"
        },
        [],
        "t.r",
        "b",
        UNKNOWN,
    ),
    (
        "dynamic block over an unknown collection is unknown (tfparse drops it)",
        {
            "main.tf": 'data "d" "x" {}\nresource "t" "r" {\n dynamic "b" {\n for_each = data.d.x.items\n'
            " content {\n x = b.value\n }\n }\n}\n"
        },
        [],
        "t.r",
        "b",
        UNKNOWN,
    ),
    (
        "dynamic block inside a static block is unknown (tfparse drops it)",
        {
            "main.tf": 'resource "t" "r" {\n o {\n dynamic "b" {\n for_each = [1]\n'
            " content {\n x = b.value\n }\n }\n }\n}\n"
        },
        [],
        "t.r",
        "o",
        [{"b": UNKNOWN}],
    ),
    (
        "module call arguments reach the module's resources",
        {
            "main.tf": 'module "m" {\n source = "./mod"\n name = "from-call"\n}\n',
            "mod/main.tf": 'variable "name" {}\nresource "t" "r" {\n v = var.name\n}\n',
        },
        [],
        "module.m.t.r",
        "v",
        "from-call",
    ),
    (
        "module output reference renders the resource inside the module",
        {
            "main.tf": 'module "m" {\n source = "./mod"\n}\nresource "t" "r" {\n v = module.m.out\n}\n',
            "mod/main.tf": 'resource "s" "b" {}\noutput "out" {\n value = s.b.id\n}\n',
        },
        [],
        "t.r",
        "v",
        "module.m.s.b",
    ),
    (
        "module output forwarded through a nested module",
        {
            "main.tf": 'module "m" {\n source = "./outer"\n}\nresource "t" "r" {\n v = module.m.out\n}\n',
            "outer/main.tf": 'module "i" {\n source = "../inner"\n}\noutput "out" {\n value = module.i.out\n}\n',
            "inner/main.tf": 'resource "s" "b" {}\noutput "out" {\n value = s.b.id\n}\n',
        },
        [],
        "t.r",
        "v",
        "module.m.module.i.s.b",
    ),
    (
        "output of an instanced module call",
        {
            "main.tf": 'module "m" {\n source = "./mod"\n for_each = toset(["a", "b"])\n}\n'
            'resource "t" "r" {\n v = module.m["b"].out\n}\n',
            "mod/main.tf": 'resource "s" "b" {}\noutput "out" {\n value = s.b.id\n}\n',
        },
        [],
        "t.r",
        "v",
        'module.m["b"].s.b',
    ),
    (
        "sensitive variable is never in the view",
        {
            "main.tf": 'variable "pw" {\n default = "hunter2"\n sensitive = true\n}\n'
            'resource "t" "r" {\n v = var.pw\n}\n'
        },
        [],
        "t.r",
        "v",
        {UNKNOWN: "(sensitive value)"},
    ),
    (
        "sensitive through a local",
        {
            "main.tf": 'variable "pw" {\n sensitive = true\n}\nlocals {\n x = "p-${var.pw}"\n}\n'
            'resource "t" "r" {\n v = local.x\n}\n',
            "terraform.tfvars": 'pw = "hunter2"\n',
        },
        [],
        "t.r",
        "v",
        {UNKNOWN: "(sensitive value)"},
    ),
    (
        "sensitive through a module call",
        {
            "main.tf": 'variable "pw" {\n default = "hunter2"\n sensitive = true\n}\n'
            'module "m" {\n source = "./m"\n secret = var.pw\n}\n',
            "m/main.tf": 'variable "secret" {}\nresource "t" "r" {\n v = "x-${var.secret}"\n}\n',
        },
        [],
        "module.m.t.r",
        "v",
        {UNKNOWN: "(sensitive value)"},
    ),
    (
        "computed from a variable without a value: unknown (tfparse computes with null)",
        {"main.tf": 'variable "x" {}\nresource "t" "r" {\n v = jsonencode({ a = var.x })\n}\n'},
        [],
        "t.r",
        "v",
        UNKNOWN,
    ),
    (
        "coalesce over an unknown: unknown (tfparse gives {})",
        {"main.tf": 'variable "x" {}\nresource "t" "r" {\n v = coalesce(var.x, "y")\n}\n'},
        [],
        "t.r",
        "v",
        UNKNOWN,
    ),
    (
        "computed from a data source through a local",
        {"main.tf": 'data "d" "x" {}\nlocals {\n l = data.d.x.n\n}\nresource "t" "r" {\n v = upper(local.l)\n}\n'},
        [],
        "t.r",
        "v",
        UNKNOWN,
    ),
    (
        "a module argument left unset is unknown inside the module",
        {
            "main.tf": 'module "m" {\n source = "./m"\n}\n',
            "m/main.tf": 'variable "n" {}\nresource "t" "r" {\n v = format("%s-x", var.n)\n}\n',
        },
        [],
        "module.m.t.r",
        "v",
        UNKNOWN,
    ),
    (
        "resource ids inside a computed JSON string are rendered as addresses",
        {
            "main.tf": 'resource "aws_kms_key" "k" {}\nresource "t" "r" {\n'
            ' v = jsonencode({ Principal = "*", Resource = [aws_kms_key.k.arn] })\n}\n'
        },
        [],
        "t.r",
        "v",
        '{"Principal":"*","Resource":["aws_kms_key.k"]}',
    ),
    (
        ".tf.json files",
        {"main.tf.json": '{"resource": {"t": {"r": {"v": "json"}}}}'},
        [],
        "t.r",
        "v",
        "json",
    ),
    (
        ".tf.json reference",
        {"main.tf.json": '{"resource": {"s": {"b": {}}, "t": {"r": {"v": "${s.b.id}"}}}}'},
        [],
        "t.r",
        "v",
        "s.b",
    ),
    # One folder called three times: an unknown value is per call, not per folder.
    ("module called with the value", MODULE_TWICE, [], "module.a.t.r", "v", "acme"),
    ("module called without the value", MODULE_TWICE, [], "module.b.t.r", "v", UNKNOWN),
    ("module called with a data source's value", MODULE_TWICE, [], "module.c.t.r", "v", UNKNOWN),
]


@pytest.mark.parametrize(
    ("files", "var_files", "address", "attribute", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in VALUES],
)
def test_evaluated_value(
    view: Callable[..., dict[str, dict[str, Any]]],
    files: dict[str, str],
    var_files: list[str],
    address: str,
    attribute: str,
    expected: Any,
) -> None:
    resources = view(files, var_files)
    assert address in resources, sorted(resources)
    got = resources[address]["config"].get(attribute)
    if expected == UNKNOWN:
        assert is_unknown(got), got
    elif isinstance(expected, list) and expected and expected[0] == {"b": UNKNOWN}:
        assert is_unknown(got[0]["b"]), got
    else:
        assert got == expected


ADDRESSES = [
    ("count", {"main.tf": 'resource "t" "r" {\n count = 2\n}\n'}, ["t.r[0]", "t.r[1]"]),
    ("count zero", {"main.tf": 'resource "t" "r" {\n count = 0\n}\n'}, []),
    (
        "for_each set",
        {"main.tf": 'resource "t" "r" {\n for_each = toset(["a", "b"])\n}\n'},
        ['t.r["a"]', 't.r["b"]'],
    ),
    (
        "for_each key with a dot",
        {"main.tf": 'resource "t" "r" {\n for_each = toset(["a.b"])\n}\n'},
        ['t.r["a.b"]'],
    ),
    ("data source", {"main.tf": 'data "d" "x" {}\n'}, ["data.d.x"]),
    (
        "nested modules",
        {
            "main.tf": 'module "a" {\n source = "./a"\n}\n',
            "a/main.tf": 'module "b" {\n source = "../b"\n}\n',
            "b/main.tf": 'resource "t" "r" {}\n',
        },
        ["module.a.module.b.t.r"],
    ),
    (
        "module with count",
        {"main.tf": 'module "m" {\n source = "./m"\n count = 2\n}\n', "m/main.tf": 'resource "t" "r" {}\n'},
        ["module.m[0].t.r", "module.m[1].t.r"],
    ),
    (
        "remote module sources are never fetched",
        {
            "main.tf": 'module "git" {\n source = "git::https://example.invalid/x.git"\n}\n'
            'module "reg" {\n source = "acme/bucket/aws"\n version = "1.0.0"\n}\nresource "t" "r" {}\n'
        },
        ["t.r"],
    ),
]


@pytest.mark.parametrize(("files", "expected"), [pytest.param(*c[1:], id=c[0]) for c in ADDRESSES])
def test_addresses(view: Callable[..., dict[str, dict[str, Any]]], files: dict[str, str], expected: list[str]) -> None:
    assert sorted(view(files)) == sorted(expected)


def test_remote_module_leaves_no_download_behind(make_repo: Callable[..., Path]) -> None:
    root = make_repo(
        {"main.tf": 'module "x" {\n source = "git::https://user:t0ken@example.invalid/x.git"\n}\n'}, git_repo=False
    )
    started = time.monotonic()
    _, errors = load(root)
    # A note that never quotes its source (a URL can carry a token).
    assert [(e.kind, e.line, e.message) for e in errors] == [
        ("note", 1, "module x: its source is not a local path; not read (mlcomply never downloads modules)")
    ]
    assert time.monotonic() - started < 10
    assert not (root / ".terraform").exists()


def test_resource_locations_and_module_files(view: Callable[..., dict[str, dict[str, Any]]]) -> None:
    resources = view(
        {
            "envs/prod/main.tf": '\nmodule "m" {\n source = "../../modules/m"\n}\n',
            "modules/m/main.tf": '\n\nresource "t" "r" {\n v = 1\n}\n',
        }
    )
    r = resources["module.m.t.r"]
    assert (r["file"], r["line"], r["end_line"]) == ("modules/m/main.tf", 3, 5)
    assert (r["type"], r["name"], r["mode"], r["module"]) == ("t", "r", "managed", "module.m")


def test_meta_arguments_are_not_config(view: Callable[..., dict[str, dict[str, Any]]]) -> None:
    resources = view({"main.tf": 'resource "t" "r" {\n count = 1\n depends_on = []\n v = 1\n}\n'})
    assert resources["t.r[0]"]["config"] == {"v": 1}


def test_each_root_module_is_a_document(make_repo: Callable[..., Path]) -> None:
    root = make_repo(
        {
            "a/main.tf": 'resource "t" "a" {}\n',
            "b/main.tf": 'module "m" {\n source = "../shared"\n}\n',
            "shared/main.tf": 'resource "t" "s" {}\n',
        },
        git_repo=False,
    )
    docs, errors = load(root)
    assert errors == []
    assert {d.path: [r["address"] for r in d.data["resources"]] for d in docs} == {
        "a": ["t.a"],
        "b": ["module.m.t.s"],
    }


BAD = [
    (
        "malformed HCL names file, line and column",
        {"bad/main.tf": 'resource "t" "r" {\n v = \n}\n'},
        ("bad/main.tf", 2, "invalid HCL"),
    ),
    (
        "malformed .tf.json",
        {"bad/main.tf.json": '{"resource": {\n  "t": }\n'},
        ("bad/main.tf.json", 2, "invalid JSON"),
    ),
    (
        "invalid UTF-8",
        {"bad/main.tf": b'resource "t" "r" {\n v = "\xff"\n}\n'},
        ("bad/main.tf", None, "invalid UTF-8"),
    ),
    (
        "module calling itself",
        {"bad/main.tf": 'module "me" {\n source = "./"\n}\n'},
        ("bad/main.tf", None, "cycle"),
    ),
    (
        "modules calling each other",
        {
            "bad/main.tf": 'module "a" {\n source = "../ma"\n}\n',
            "ma/main.tf": 'module "b" {\n source = "../mb"\n}\n',
            "mb/main.tf": 'module "a" {\n source = "../ma"\n}\n',
        },
        ("bad/main.tf", None, "cycle"),
    ),
    (
        "malformed terraform.tfvars",
        {"bad/main.tf": 'variable "a" {\n default = 1\n}\n', "bad/terraform.tfvars": "a = = 2\n"},
        ("bad/terraform.tfvars", 1, "invalid HCL"),
    ),
]


@pytest.mark.parametrize(("files", "expected"), [pytest.param(*c[1:], id=c[0]) for c in BAD])
def test_bad_input_is_a_scan_error_and_other_modules_still_load(
    make_repo: Callable[..., Path], files: dict[str, str | bytes], expected: tuple[str, int | None, str]
) -> None:
    root = make_repo({**files, "good/main.tf": 'resource "t" "ok" {}\n'}, git_repo=False)
    started = time.monotonic()
    docs, errors = load(root)
    assert time.monotonic() - started < 15
    path, line, text = expected
    assert [(e.path, e.line) for e in errors] == [(path, line)], errors
    assert text in errors[0].message
    good = [d for d in docs if d.path == "good"]
    assert [r["address"] for r in good[0].data["resources"]] == ["t.ok"]


def test_module_too_slow_to_evaluate_is_an_error_not_a_hang(make_repo: Callable[..., Path]) -> None:
    # tfparse is quadratic in count: 20,000 instances of one resource never finish.
    root = make_repo(
        {"huge/main.tf": 'resource "t" "r" {\n count = 20000\n}\n', "good/main.tf": 'resource "t" "ok" {}\n'},
        git_repo=False,
    )
    started = time.monotonic()
    docs, errors = load(root, timeout=2.0)
    assert time.monotonic() - started < 10
    assert [(e.path, "gave up after 2 s" in e.message) for e in errors] == [("huge/main.tf", True)]
    assert [d.path for d in docs] == ["good"]


def test_missing_var_file_is_an_error_naming_it(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"main.tf": 'resource "t" "r" {}\n'}, git_repo=False)
    docs, errors = load(root, [root / "nope.tfvars"])
    assert [e.path for e in errors] == ["nope.tfvars"]
    assert [r["address"] for r in docs[0].data["resources"]] == ["t.r"]


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace not installed")
def test_remote_module_sources_open_no_connection_and_run_no_git(make_repo: Callable[..., Path]) -> None:
    root = make_repo(
        {
            "main.tf": 'module "git" {\n source = "git::https://example.invalid/x.git"\n}\n'
            'module "reg" {\n source = "acme/bucket/aws"\n version = "1.0.0"\n}\n'
            'module "s3" {\n source = "s3::https://s3.amazonaws.com/b/m.zip"\n}\n'
        },
        git_repo=False,
    )
    trace = root.parent / "trace.txt"
    code = f"from scanner.terraform.worker import TfparseWorker\nTfparseWorker().load({str(root)!r}, [])"
    subprocess.run(
        ["strace", "-f", "-e", "trace=connect,execve", "-o", str(trace), sys.executable, "-c", code],
        check=True,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    calls = trace.read_text().splitlines()
    assert [c for c in calls if "connect(" in c and "AF_UNIX" not in c] == []
    assert [c for c in calls if "execve(" in c and "python" not in c] == []


UNEXPANDED = [
    (
        "for_each over a data source",
        {"main.tf": 'data "d" "x" {}\nresource "t" "r" {\n for_each = data.d.x.ids\n v = "lit"\n w = each.key\n}\n'},
        "t.r",
    ),
    (
        "for_each over a root variable without a value",
        {"main.tf": 'variable "names" {}\nresource "t" "r" {\n for_each = toset(var.names)\n v = "lit"\n}\n'},
        "t.r",
    ),
    (
        "for_each over another resource's attribute",
        {"main.tf": 'resource "s" "b" {}\nresource "t" "r" {\n for_each = s.b.tags\n v = "lit"\n}\n'},
        "t.r",
    ),
    (
        "inside a module",
        {
            "main.tf": 'module "m" {\n source = "./m"\n}\n',
            "m/main.tf": 'data "d" "x" {}\nresource "t" "r" {\n for_each = data.d.x.ids\n v = "lit"\n}\n',
        },
        "module.m.t.r",
    ),
]


@pytest.mark.parametrize(("files", "address"), [pytest.param(*c[1:], id=c[0]) for c in UNEXPANDED])
def test_unknown_for_each_keeps_one_resource_marked(
    view: Callable[..., dict[str, dict[str, Any]]], files: dict[str, str], address: str
) -> None:
    r = view(files)[address]
    assert r["instances_unknown"] is True
    assert r["config"]["v"] == "lit"
    assert r["line"] > 1 and r["file"].endswith("main.tf")


@pytest.mark.parametrize(
    "files",
    [
        pytest.param({"main.tf": 'resource "t" "r" {\n for_each = []\n}\n'}, id="literal empty"),
        pytest.param(
            {"main.tf": 'variable "s" {\n default = []\n}\nresource "t" "r" {\n for_each = toset(var.s)\n}\n'},
            id="variable default empty",
        ),
        pytest.param(
            {
                "main.tf": 'variable "s" {}\nresource "t" "r" {\n for_each = toset(var.s)\n}\n',
                "terraform.tfvars": "s = []\n",
            },
            id="tfvars empty",
        ),
    ],
)
def test_known_empty_for_each_leaves_nothing(
    view: Callable[..., dict[str, dict[str, Any]]], files: dict[str, str]
) -> None:
    assert view(files) == {}


def test_unexpanded_resource_still_joins(make_repo: Callable[..., Path], scan_repo: Any) -> None:
    # Without the placeholder the bucket would be reported as unencrypted.
    root = make_repo(
        {
            "main.tf": 'data "d" "x" {}\nresource "aws_s3_bucket" "b" {\n bucket = "b"\n}\n'
            'resource "aws_s3_bucket_server_side_encryption_configuration" "e" {\n for_each = data.d.x.ids\n'
            " bucket = aws_s3_bucket.b.id\n rule {\n apply_server_side_encryption_by_default {\n"
            ' sse_algorithm = "aws:kms"\n }\n }\n}\n'
        }
    )
    result = scan_repo(root)
    assert [f.address for f in result.findings if f.rule_id == "MLC-AWS-S3-001"] == []

"""The Terraform stage in units (workers, cache) gives what one load_modules call gives, on the
shapes where units overlap: shared modules with errors, extra links, variable files, loops."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scanner.cache import Cache
from scanner.documents import ScanError
from scanner.parallel import Crashed
from scanner.rulesets import RuleSet
from scanner.scan import ScanResult, scan
from scanner.terraform import spread
from scanner.terraform.units import Unit
from scanner.walk import list_files

MODULE = 'variable "name" {}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\n'
FILES = {
    # Two roots call one module with a parse error in one file and a duplicate declaration.
    "live/a/main.tf": 'module "m" {\n  source = "../../modules/m"\n  name = "a"\n}\n',
    "live/b/main.tf": 'module "m" {\n  source = "../../modules/m"\n  name = "b"\n}\n',
    "modules/m/main.tf": MODULE,
    "modules/m/broken.tf": 'resource "aws_s3_bucket" "x" {\n  bucket = \n}\n',
    "modules/m/dup.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "again"\n}\n',
    # An object upload whose source names a module folder: a link that is no call.
    "uploads/main.tf": 'resource "aws_s3_object" "o" {\n  bucket = "u"\n  key = "k"\n  source = "../modules/m"\n}\n',
    # A loop, and a module sourced outside the root.
    "loop/x/main.tf": 'module "y" {\n  source = "../y"\n}\n',
    "loop/y/main.tf": 'module "x" {\n  source = "../x"\n}\n',
    "escape/main.tf": 'module "up" {\n  source = "../../../etc"\n}\n',
    "live/a/terraform.tfvars": "oops = = 1\n",
}


def _summary(result: ScanResult) -> tuple[Any, ...]:
    return (
        [(f.rule_id, f.path, f.fingerprint, f.message) for f in result.findings],
        result.errors,
        [(d.kind, d.path, d.data) for d in result.docs],
    )


def test_units_give_the_results_of_one_process(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(FILES)
    var_file = tmp_path / "bad.tfvars"
    var_file.write_text("= nope\n")
    plain = _summary(scan([root], builtin_rules, var_files=[var_file]))
    assert any(e.path == "modules/m/broken.tf" for e in plain[1])
    monkeypatch.setattr(spread, "MIN_UNITS_FOR_POOL", 1)
    assert _summary(scan([root], builtin_rules, var_files=[var_file], jobs=2)) == plain
    cache = Cache(tmp_path / "cache")
    assert _summary(scan([root], builtin_rules, var_files=[var_file], jobs=1, cache=cache)) == plain
    assert _summary(scan([root], builtin_rules, var_files=[var_file], jobs=2, cache=cache)) == plain


def test_a_crashed_unit_costs_the_files_it_owns(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"a/main.tf": "", "m/main.tf": "", "b/main.tf": ""})
    entries = {e.rel: e for e in list_files([root]).files}
    a = Unit((entries["a/main.tf"], entries["m/main.tf"]), ("a", "m"))
    b = Unit((entries["b/main.tf"], entries["m/main.tf"]), ("b", "m"))
    error = ScanError("m/main.tf", "invalid HCL: x", line=1)
    docs, errors = spread._merge([a, b], [Crashed("died"), ([], [error], [])], {})
    assert docs == []
    assert errors == [
        ScanError("a/main.tf", "load terraform: died; not scanned", kind="internal"),
        error,  # the shared file's own error, from the unit that did not crash
    ]


def test_this_process_keeps_its_parser_processes_across_its_batches(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --jobs, the scan's own process runs batches of units too: one tfparse and one pygohcl
    process serve all of them (each used to start a pair per unit: an interpreter and a Go
    runtime apiece)."""
    import time

    from scanner.terraform import units, worker
    from scanner.terraform.unitwork import Task, run_batch

    root = make_repo({f"live/r{n}/main.tf": MODULE.replace('"b"', f'"b{n}"') for n in range(4)})
    listing = list_files([root])
    _, parts = units.split(listing.root, [e for e in listing.files if spread.takes(e, 1 << 20)])
    tasks = [Task(listing.root, part.entries, (), time.monotonic() + 60) for part in parts]
    spawned: list[str] = []
    real_spawn = worker._spawn

    def counting(role: str) -> Any:
        spawned.append(role)
        return real_spawn(role)

    monkeypatch.setattr(worker, "_spawn", counting)
    monkeypatch.setattr(worker, "_keep_alive", False)
    monkeypatch.setattr(worker, "_spares", {})
    try:
        first = run_batch(tasks[:2], None)
        second = run_batch(tasks[2:], None)
    finally:
        worker.close_spares()
    assert len(tasks) == 4 and [len(docs) for docs, _, _ in first + second] == [1, 1, 1, 1]
    assert sorted(spawned) == ["hcl", "tfparse"]


def test_groups_in_one_pass_give_what_one_call_per_group_gives(make_repo: Callable[..., Path]) -> None:
    """load_groups (the cache's cold path, a worker's batch) shares the parser processes, the mirror
    and tfparse's queue between units, and parses a shared module once: each unit's documents
    and errors are still exactly those of loading it alone."""
    from scanner.terraform import load, units

    root = make_repo(FILES)
    listing = list_files([root])
    _, parts = units.split(listing.root, [e for e in listing.files if spread.takes(e, 1 << 20)])
    assert sum("modules/m" in part.folders for part in parts) >= 2  # shared by several units
    alone = [load.load_modules(listing.root, part.entries) for part in parts]
    together = load.load_groups(listing.root, [part.entries for part in parts])
    assert [([(d.path, d.data) for d in docs], errors) for docs, errors in together] == [
        ([(d.path, d.data) for d in docs], errors) for docs, errors in alone
    ]
    assert any(e.path == "modules/m/broken.tf" for _, errors in together for e in errors)


def test_a_cold_cache_scan_parses_shared_modules_once_in_one_pair_of_processes(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an empty cache every root module is its own unit: they used to load one by one, each
    starting a tfparse and a pygohcl process and parsing the modules it calls again (200 roots:
    28 s instead of 3.4 s without the cache)."""
    from scanner.terraform import load, worker

    files = {f"live/r{n}/main.tf": FILES["live/a/main.tf"].replace('"a"', f'"r{n}"') for n in range(6)}
    files["modules/m/main.tf"] = MODULE
    root = make_repo(files)
    spawned: list[str] = []
    real_spawn = worker._spawn

    def counting(role: str) -> Any:
        spawned.append(role)
        return real_spawn(role)

    decoded: list[str] = []
    real_text = load._Stage.text

    def text(self: Any, data: bytes, rel: str) -> str:
        decoded.append(rel)
        return real_text(self, data, rel)

    monkeypatch.setattr(worker, "_spawn", counting)
    monkeypatch.setattr(worker, "_keep_alive", False)
    monkeypatch.setattr(worker, "_spares", {})
    monkeypatch.setattr(load._Stage, "text", text)
    plain = _summary(scan([root], builtin_rules, jobs=1))
    spawned.clear()
    decoded.clear()
    cold = _summary(scan([root], builtin_rules, jobs=1, cache=Cache(tmp_path / "cache")))
    assert cold == plain and len(cold[2]) == 6
    assert sorted(spawned) == ["hcl", "tfparse"]
    assert decoded.count("modules/m/main.tf") == 1

"""`mlcomply test-policies`: runs every `test_*` rule of `*_test.rego` files (no `opa test` here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from scanner.engines.rego import RegorusBackend, rego_files
from scanner.engines.rego_metadata import parse_rego_file
from scanner.errors import FatalError


@dataclass(frozen=True)
class TestOutcome:
    file: str
    name: str
    status: str  # pass | fail | error
    detail: str = ""


def run_policy_tests(dirs: Sequence[Path], extra: Sequence[Path] = ()) -> list[TestOutcome]:
    """Loads every policy under `dirs` (plus `extra`, e.g. the built-in lib) once, then
    evaluates each test rule; a test passes when it evaluates to true."""
    files = rego_files(list(extra)) + rego_files(dirs, tests=True)
    if not any(f.name.endswith("_test.rego") for f in files):
        raise FatalError(f"test policies: no *_test.rego files under {', '.join(map(str, dirs))}")
    backend = RegorusBackend()
    parsed = []
    for path in dict.fromkeys(p.resolve() for p in files):
        text = path.read_text(encoding="utf-8")
        backend.add_policy(str(path), text)
        parsed.append(parse_rego_file(str(path), text))
    backend.set_input({})
    outcomes = []
    for p in parsed:
        if not p.path.endswith("_test.rego"):
            continue
        for name in dict.fromkeys(p.test_rules):
            try:
                value = backend.eval_rule(f"data.{p.package}.{name}")
            except FatalError as exc:
                outcomes.append(TestOutcome(p.path, name, "error", str(exc)))
                continue
            ok = value is True
            outcomes.append(TestOutcome(p.path, name, "pass" if ok else "fail", "" if ok else f"got {value!r}"))
    return outcomes


def report(outcomes: Sequence[TestOutcome], out: TextIO, verbose: bool) -> int:
    for o in outcomes:
        if o.status != "pass" or verbose:
            out.write(f"{o.status.upper():<5} {o.file}: {o.name}" + (f": {o.detail}" if o.detail else "") + "\n")
    passed = sum(o.status == "pass" for o in outcomes)
    failed = len(outcomes) - passed
    out.write(f"{passed} passed, {failed} failed\n")
    return 0 if failed == 0 else 1

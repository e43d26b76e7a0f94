"""Conformance: every built-in policy gives the same deny results on real OPA as on regorus.

Real OPA comes from `opa-golib-python-bindings` (OPA's Go library behind ctypes; install with
`pip install --ignore-requires-python opa-golib-python-bindings`). The test skips without it.
Both engines sit behind the scanner's own `RegoBackend` adapter and see the exact input the
scanner builds, from every good and bad example loaded through the real loaders. The Rego
unit tests must pass on OPA too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner import formats
from scanner.builtin import builtin_dir
from scanner.documents import Document, ScanError
from scanner.engines.rego import RegoEngine, rego_files
from scanner.engines.rego_metadata import parse_rego_file
from scanner.scan import DEFAULT_MAX_FILE_BYTES, load_documents
from scanner.walk import list_files
from tests.conftest import write_files
from tests.test_rule_examples import example_files

opa_bindings = pytest.importorskip("opa_bindings", reason="opa-golib-python-bindings not installed")


class OpaBackend:
    """The `RegoBackend` protocol over an embedded real OPA."""

    def __init__(self) -> None:
        self._engine = opa_bindings.OpaEngine()
        self._input: Any = None

    def add_policy(self, path: str, text: str) -> None:
        self._engine.add_policy(path, text)

    def set_input(self, value: Any) -> None:
        # A JSON round trip, as the regorus backend does: both engines get identical values.
        self._input = json.loads(json.dumps(value))

    def eval_rule(self, rule: str) -> Any:
        try:
            return self._engine.eval_document(rule.removeprefix("data."), self._input)
        except opa_bindings.OpaUndefinedError:
            return None

    def eval_rules(self, rules: Sequence[str]) -> list[Any]:
        return [self.eval_rule(r) for r in rules]


def _examples() -> list[Any]:
    params = []
    for path in example_files():
        if not path.with_suffix(".rego").is_file():
            continue  # a Python rule's examples
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for polarity in ("bad", "good"):
            for i, case in enumerate(spec.get(polarity) or []):
                params.append(pytest.param(case["files"], id=f"{spec['rule']}-{polarity}-{i}"))
    return params


@pytest.fixture(scope="module")
def engines() -> tuple[RegoEngine, RegoEngine]:
    dirs = [builtin_dir("rego")]
    kinds = formats.kinds()
    return RegoEngine(dirs, kinds), RegoEngine(dirs, kinds, backend=OpaBackend())


def _denies(engine: RegoEngine, doc: Document) -> dict[str, list[dict[str, Any]]]:
    rules = [r for r in engine.rules if doc.kind in r.meta.input_kinds]
    out: dict[str, list[dict[str, Any]]] = {r.meta.id: [] for r in rules}
    errors: list[ScanError] = []
    for rule, hit in engine.evaluate(doc, rules, errors):
        out[rule.meta.id].append({"msg": hit.message, "address": hit.address, "pointer": hit.pointer})
    assert errors == [], doc.path
    return out


@pytest.mark.parametrize("files", _examples())
def test_example_gives_same_results_on_opa(
    files: dict[str, str], engines: tuple[RegoEngine, RegoEngine], tmp_path: Path
) -> None:
    regorus, opa = engines
    write_files(tmp_path, files)
    kinds = {k for r in regorus.rules for k in r.meta.input_kinds}
    docs, errors = load_documents(list_files([tmp_path]), kinds, DEFAULT_MAX_FILE_BYTES)
    assert errors == [] and docs, f"example does not load: {errors}"
    for doc in docs:
        assert _denies(opa, doc) == _denies(regorus, doc), doc.path


def test_policy_unit_tests_pass_on_opa() -> None:
    backend = OpaBackend()
    files = rego_files([builtin_dir("rego")], tests=True)
    for path in files:
        backend.add_policy(str(path), path.read_text(encoding="utf-8"))
    # One query for the whole data tree: OPA prepares each distinct query (~0.3 s apiece).
    backend.set_input({})
    tree = backend.eval_rule("data.")  # the empty path: the whole data document
    failed, checked = [], 0
    for path in files:
        if not path.name.endswith("_test.rego"):
            continue
        parsed = parse_rego_file(str(path), path.read_text(encoding="utf-8"))
        package: Any = tree
        for part in parsed.package.split("."):
            package = package.get(part, {}) if isinstance(package, dict) else {}
        failed += [f"{path.name}: {name}" for name in parsed.test_rules if package.get(name) is not True]
        checked += len(parsed.test_rules)
    assert checked > 0
    assert failed == []

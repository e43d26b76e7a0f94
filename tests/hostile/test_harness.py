"""The hostile suite's own parts: the mutator is deterministic and the oracle can fail."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.hostile.cases import applicable, fuzz_case, seeds, slice_case
from tests.hostile.harness import CONTROL, Case, Outcome, _strict_json, batch_problems, case_problems
from tests.hostile.mutate import OPERATORS, mutate
from tests.hostile.seeds import TOKEN


@pytest.mark.parametrize("operator", sorted(OPERATORS))
def test_every_operator_is_deterministic_and_changes_its_seed(operator: str) -> None:
    for seed in applicable(operator):
        first = mutate(seed, operator, random.Random(f"7:{seed.rel}"))
        assert first == mutate(seed, operator, random.Random(f"7:{seed.rel}"))
        assert first != seed.content, (operator, seed.rel)


def test_fuzz_cases_regenerate_alone() -> None:
    assert fuzz_case(3, 41) == fuzz_case(3, 41)
    assert slice_case(3, "truncate", "dvc.yaml").content == slice_case(3, "truncate", "dvc.yaml").content
    assert {fuzz_case(3, i).operator for i in range(60)} == set(OPERATORS)


def test_every_seed_plants_its_marker() -> None:
    assert all(seed.marker in seed.content for seed in seeds())


def _case(content: bytes) -> Case:
    return Case("k8s/pod.yaml", content, TOKEN.encode(), "truncate", "k8s/pod.yaml", "python bench/fuzz.py ...")


def _outcome(findings: list[str], errors: list[tuple[str, ...]], **kw: object) -> Outcome:
    results = {
        "findings": [{"path": p, "rule_id": "R"} for p in [*findings, CONTROL]],
        "errors": [
            {"path": p, "kind": k, "message": m} for p, k, m in (e if len(e) == 3 else (*e, "m") for e in errors)
        ],
    }
    fields: dict = {"returncode": 1, "stderr": "", "stdout": "", "seconds": 1.0, "sarif": {}, "results": results}
    fields.update(kw)
    return Outcome(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("content", "outcome", "expected"),
    [
        (b"x: " + TOKEN.encode(), _outcome(["k8s/pod.yaml"], []), []),
        (b"x: " + TOKEN.encode(), _outcome([], [("k8s/pod.yaml", "parse")]), []),
        (b"x: " + TOKEN.encode(), _outcome([], [("k8s", "parse")]), []),  # a module directory
        (b"x: " + TOKEN.encode(), _outcome([], [("k8s/main.tf", "parse", "evaluate terraform module k8s: x")]), []),
        (
            b"x: " + TOKEN.encode(),
            _outcome([], [("k/main.tf", "parse", "evaluate terraform module k: x")]),
            ["neither"],
        ),
        (b"x: " + TOKEN.encode(), _outcome([], []), ["neither a finding nor a scan error"]),
        (b"x: " + TOKEN.encode()[:-3], _outcome([], []), []),  # the marker did not survive
        (b"x: 1", _outcome([], [("k8s/pod.yaml", "internal")]), ["internal error"]),
    ],
)
def test_case_oracle(content: bytes, outcome: Outcome, expected: list[str]) -> None:
    problems = case_problems(_case(content), outcome)
    assert len(problems) == len(expected) and all(e in p for e, p in zip(expected, problems, strict=True))


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        (_outcome([], []), None),
        (_outcome([], [], returncode=None), "did not finish"),
        (_outcome([], [], returncode=-6), "exit code -6"),
        (_outcome([], [], stderr="Traceback (most recent call last):\nValueError: x"), "traceback on stderr"),
        (_outcome([], [], stdout=f"found {TOKEN}"), "in clear"),
        (_outcome([], [], results={"findings": [], "errors": []}), "control file"),
    ],
)
def test_batch_oracle(outcome: Outcome, expected: str | None) -> None:
    problems = batch_problems(outcome, 60, schemas=None)
    assert (problems == []) if expected is None else any(expected in p for p in problems), problems


def test_outputs_must_be_strict_json(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text(json.dumps({"n": float("inf")}))  # Python writes Infinity, which is not JSON
    problems: list[str] = []
    assert _strict_json(path, problems)[0] is None and "not valid JSON" in problems[0]
    problems.clear()
    assert _strict_json(tmp_path / "missing.json", problems)[0] is None and "not written" in problems[0]

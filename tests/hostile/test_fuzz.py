"""The fixed-seed slice of the hostile suite: every operator on every seed it applies to.

One real-CLI scan per operator holds all its mutants plus a control file, under a 2 GiB
address-space limit and a timeout; each mutant is its own test, judged by tests/hostile/harness.py.
A mutant that hits a known, reported bug is scanned apart, one scan per bug, and marked
xfail(strict) through KNOWN: when the fix lands it passes, and the strict mark makes the fixer
remove the entry. Run more of the same generator with bench/fuzz.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.cases import applicable, seeds, slice_case
from tests.hostile.harness import Case, Outcome, batch_problems, case_problems, scan_batch
from tests.hostile.mutate import OPERATORS

SEED = 14
TIMEOUT = 180.0

# (operator, seed path) -> a known, reported bug this mutant hits, for SEED only (xfail strict).
# Empty since every issue 14 crash was fixed; an entry names its issue.
KNOWN: dict[tuple[str, str], str] = {}


def group_of(operator: str, rel: str) -> str:
    """The scan a mutant belongs to: its operator's, or its known bug's."""
    return KNOWN.get((operator, rel), operator)


def _params() -> list[object]:
    params = []
    for operator in sorted(OPERATORS):
        for seed in applicable(operator):
            reason = KNOWN.get((operator, seed.rel))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(operator, seed.rel, id=f"{operator}:{seed.rel}", marks=marks))
    return params


@pytest.fixture(scope="module")
def outcome_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Outcome]:
    """Scans each group once, on first use."""
    cache: dict[str, Outcome] = {}

    def get(group: str) -> Outcome:
        if group not in cache:
            cases = [
                slice_case(SEED, operator, seed.rel)
                for operator in sorted(OPERATORS)
                for seed in applicable(operator)
                if group_of(operator, seed.rel) == group
            ]
            root = tmp_path_factory.mktemp("hostile") / "repo"
            cache[group] = scan_batch(root, cases, TIMEOUT)
        return cache[group]

    return get


@pytest.mark.parametrize(("operator", "rel"), _params())
def test_hostile_file(operator: str, rel: str, outcome_of: Callable[[str], Outcome]) -> None:
    case = slice_case(SEED, operator, rel)
    outcome = outcome_of(group_of(operator, rel))
    problems = batch_problems(outcome, TIMEOUT) + case_problems(case, outcome)
    assert not problems, f"{rel} after {operator}: {problems}; reproduce: {case.reproduce}"


def test_known_bugs_name_real_cases() -> None:
    """The table must not outlive the seeds: every entry names a case the slice generates."""
    generated = {(op, s.rel) for op in OPERATORS for s in applicable(op)}
    assert set(KNOWN) <= generated


def test_every_unmutated_seed_reports_its_planted_finding(tmp_path: Path) -> None:
    """The oracle's premise: without a mutation, each seed's marker yields a finding on it."""
    cases = [Case(s.rel, s.content, s.marker, "none", s.rel, "") for s in seeds()]
    outcome = scan_batch(tmp_path / "repo", cases, TIMEOUT)
    assert batch_problems(outcome, TIMEOUT) == []
    assert outcome.results is not None
    assert outcome.results["errors"] == []
    reported = {f["path"] for f in outcome.results["findings"]}
    assert [s.rel for s in seeds() if s.rel not in reported] == []

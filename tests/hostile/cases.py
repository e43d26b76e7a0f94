"""Hostile cases, each a pure function of a seed number: the CI slice and bench/fuzz.py agree.

The CI slice applies one operator to every seed it applies to (one scan per operator); the
fuzzer draws an operator and a seed per case index, so any case can be regenerated alone.
"""

from __future__ import annotations

import random
from functools import cache

from tests.hostile.harness import Case
from tests.hostile.mutate import OPERATORS, mutate
from tests.hostile.seeds import Seed, all_seeds


@cache
def seeds() -> tuple[Seed, ...]:
    return tuple(all_seeds())


def applicable(operator: str) -> list[Seed]:
    return [s for s in seeds() if OPERATORS[operator].applies(s)]


def slice_case(seed: int, operator: str, rel: str) -> Case:
    source = next(s for s in seeds() if s.rel == rel)
    content = mutate(source, operator, random.Random(f"{seed}:{operator}:{rel}"))
    command = f"python bench/fuzz.py --seed {seed} --operator {operator} --file {rel}"
    return Case(rel, content, source.marker, operator, rel, command)


def fuzz_case(seed: int, index: int) -> Case:
    rng = random.Random(f"{seed}:{index}")
    operator = rng.choice(sorted(OPERATORS))
    source = rng.choice(applicable(operator))
    content = mutate(source, operator, rng)
    command = f"python bench/fuzz.py --seed {seed} --case {index}"
    return Case(f"c{index}/{source.rel}", content, source.marker, operator, source.rel, command)

"""GitHub Actions workflow helpers: triggers, steps and `${{ }}` expressions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scanner.documents import Pointer

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)


def triggers(data: Any) -> set[str]:
    on = data.get("on") if isinstance(data, dict) else None
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return {t for t in on if isinstance(t, str)}
    if isinstance(on, dict):
        return set(on)
    return set()


def jobs(data: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    raw = data.get("jobs") if isinstance(data, dict) else None
    if isinstance(raw, dict):
        for name, job in raw.items():
            if isinstance(job, dict):
                yield name, job


def steps(data: Any) -> Iterator[tuple[str, dict[str, Any], Pointer]]:
    for name, job in jobs(data):
        raw = job.get("steps")
        for i, step in enumerate(raw if isinstance(raw, list) else []):
            if isinstance(step, dict):
                yield name, step, ("jobs", name, "steps", i)


def uses(data: Any) -> Iterator[tuple[str, Pointer]]:
    """Every `uses:` reference: step actions and reusable-workflow jobs."""
    for name, job in jobs(data):
        if isinstance(job.get("uses"), str):
            yield job["uses"], ("jobs", name, "uses")
    for _, step, pointer in steps(data):
        if isinstance(step.get("uses"), str):
            yield step["uses"], (*pointer, "uses")


def expressions(text: str) -> list[str]:
    return [m.group(1).strip() for m in EXPRESSION.finditer(text)]

"""A rule's good and bad examples: the `<rule>.yaml` files beside the rule's source (`rule: ID`,
`bad:` and `good:` lists of cases, each with `name` and `files`), the same files the test suite
scans end to end, so an example in the docs is one that is known to fire (or not)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from scanner.metadata import RuleMeta


@dataclass(frozen=True)
class Example:
    name: str
    files: tuple[tuple[str, str], ...]  # (path, content)


@dataclass(frozen=True)
class Examples:
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()


def source_dir(meta: RuleMeta) -> Path | None:
    """The folder of the file that declared the rule (`rules/x.py (ClassName)` for Python)."""
    if not meta.source:
        return None
    return Path(meta.source.split(" (", 1)[0]).parent


@cache
def _folder(folder: Path) -> dict[str, Examples]:
    out: dict[str, Examples] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # not an examples file of ours (or unreadable): no examples from it
        if isinstance(spec, dict) and isinstance(spec.get("rule"), str):
            out[spec["rule"]] = Examples(_cases(spec.get("bad")), _cases(spec.get("good")))
    return out


def _cases(raw: Any) -> tuple[Example, ...]:
    cases = []
    for case in raw or []:
        files = case.get("files") or {}
        text_files = tuple((str(k), v) for k, v in files.items() if isinstance(v, str))
        cases.append(Example(str(case.get("name", "")), text_files))
    return tuple(cases)


def examples_for(meta: RuleMeta) -> Examples:
    folder = source_dir(meta)
    if folder is None or not folder.is_dir():
        return Examples()
    return _folder(folder).get(meta.id, Examples())


def examples_by_id(metas: Iterable[RuleMeta]) -> dict[str, Examples]:
    return {m.id: examples_for(m) for m in metas}

"""Which variables and locals carry a sensitive or an unknown value, per module directory.

Terraform keeps a value sensitive through locals and module arguments; a value computed from
an unset variable or a data source is unknown the same way. tfparse tracks neither: it turns an
unknown input into null and goes on computing (`jsonencode({a = var.unset})` is `{"a":null}`,
`coalesce(var.unset, "x")` is `{}`), so the view marks everything computed from such inputs.
Names are "var.x" / "local.y"; a module directory called twice is marked where either call
marks it (over-marking only makes a value unknown, never wrong).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

_NAME = re.compile(r"\b((?:var|local)\.[A-Za-z_][\w-]*)")

RawFiles = Mapping[str, Iterable[Mapping[str, Any]]]  # dir -> pygohcl output of each file


def reads_names(text: str, names: set[str]) -> bool:
    return any(name in names for name in _NAME.findall(text))


def _text(value: Any) -> str:
    # pygohcl gives expressions as text; a map or list of them is searched as a whole.
    if isinstance(value, str):
        return value
    return "" if value is None or isinstance(value, (bool, int, float)) else str(value)


def _variables(raw_by_dir: RawFiles) -> Iterable[tuple[str, str, Any]]:
    for d, files in raw_by_dir.items():
        for raw in files:
            for name, body in (raw.get("variable") or {}).items():
                yield d, name, body


def sensitive_seeds(raw_by_dir: RawFiles) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for d, name, body in _variables(raw_by_dir):
        if isinstance(body, dict) and body.get("sensitive") is True:
            out.setdefault(d, set()).add(f"var.{name}")
    return out


def unset_seeds(
    raw_by_dir: RawFiles, calls: Mapping[str, Mapping[str, str]], top: str, top_values: set[str]
) -> dict[str, set[str]]:
    """Variables without a default that the root's variable files, or some module call, leave unset."""
    passed: dict[str, list[set[str]]] = {}
    for d, files in raw_by_dir.items():
        for raw in files:
            for call_name, call in (raw.get("module") or {}).items():
                child = calls.get(d, {}).get(call_name)
                if child is not None and isinstance(call, dict):
                    passed.setdefault(child, []).append(set(call))
    out: dict[str, set[str]] = {}
    for d, name, body in _variables(raw_by_dir):
        if isinstance(body, dict) and "default" in body:
            continue
        unset = name not in top_values if d == top else any(name not in args for args in passed.get(d, []))
        if unset:
            out.setdefault(d, set()).add(f"var.{name}")
    return out


def propagate(
    raw_by_dir: RawFiles,
    calls: Mapping[str, Mapping[str, str]],
    seeds: dict[str, set[str]],
    source: Callable[[str], bool] = lambda _: False,
) -> dict[str, set[str]]:
    """`seeds` plus every local and module argument computed from a marked name, or from an
    expression `source` marks by itself (e.g. one that reads a data source)."""
    out = {d: set(seeds.get(d, ())) for d in raw_by_dir}

    def marked(d: str, value: Any) -> bool:
        text = _text(value)
        return bool(text) and (source(text) or reads_names(text, out[d]))

    changed = True
    while changed:
        changed = False
        for d, files in raw_by_dir.items():
            for raw in files:
                for name, value in (raw.get("locals") or {}).items():
                    if f"local.{name}" not in out[d] and marked(d, value):
                        out[d].add(f"local.{name}")
                        changed = True
                for call_name, call in (raw.get("module") or {}).items():
                    child = calls.get(d, {}).get(call_name)
                    if child is None or not isinstance(call, dict):
                        continue
                    for arg, value in call.items():
                        if f"var.{arg}" not in out.setdefault(child, set()) and marked(d, value):
                            out[child].add(f"var.{arg}")
                            changed = True
    return out

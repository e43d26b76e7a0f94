"""Which variables and locals carry a sensitive or an unknown value, per module directory.

Terraform keeps a value sensitive through locals and module arguments; a value computed from
an unset variable or a data source is unknown the same way. tfparse tracks neither: it turns an
unknown input into null and goes on computing (`jsonencode({a = var.unset})` is `{"a":null}`,
`coalesce(var.unset, "x")` is `{}`), so the view marks everything computed from such inputs.
Names are "var.x" / "local.y". Sensitivity is kept per module directory (a directory called
twice is marked where either call marks it: over-marking only hides a value). Unknown inputs
are kept per module call path (`unknown_by_call`): a directory called twice, once with a value
and once without, is unknown in the second call only, because an unknown value also decides
whether a rule can pair resources (an S3 bucket's name): over-marking there hides findings.
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


def unknown_by_call(
    raw_by_dir: RawFiles,
    calls: Mapping[str, Mapping[str, str]],
    top: str,
    top_values: set[str],
    source: Callable[[str], bool],
) -> dict[str, set[str]]:
    """call path ("" for the root, "module.a.module.b") -> the names that carry an unknown
    value in that module instance: variables without a default that its call (or, at the
    root, the variable files) leaves unset, arguments its call computes from marked names or
    from an expression `source` marks, and locals computed from any of them."""
    out: dict[str, set[str]] = {}
    # (call path, directory, arguments given, of which those marked unknown, directories above)
    queue: list[tuple[str, str, set[str], set[str], tuple[str, ...]]] = [("", top, set(top_values), set(), (top,))]
    while queue:
        path, d, given, marked_args, trail = queue.pop()
        files = list(raw_by_dir.get(d, ()))
        names = out[path] = {f"var.{a}" for a in marked_args}
        for _, name, body in _variables({d: files}):
            if not (isinstance(body, dict) and "default" in body) and name not in given:
                names.add(f"var.{name}")

        def marked(value: Any, names: set[str] = names) -> bool:
            text = _text(value)
            return bool(text) and (source(text) or reads_names(text, names))

        changed = True
        while changed:
            changed = False
            for raw in files:
                for name, value in (raw.get("locals") or {}).items():
                    if f"local.{name}" not in names and marked(value):
                        names.add(f"local.{name}")
                        changed = True
        for raw in files:
            for call_name, call in (raw.get("module") or {}).items():
                child = calls.get(d, {}).get(call_name)
                if child is None or not isinstance(call, dict) or child in trail:
                    continue
                child_path = f"{path}.module.{call_name}" if path else f"module.{call_name}"
                unknown_args = {arg for arg, value in call.items() if marked(value)}
                queue.append((child_path, child, set(call), unknown_args, (*trail, child)))
    return out

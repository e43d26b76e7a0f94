"""tfparse's evaluated blocks → resource-view config, with its quirks normalised.

Each evaluated value is read beside its raw expression from pygohcl, because tfparse alone
cannot tell a known value from a guess:
- a nested block is a dict when there is one and a list when several: always a list here;
- an attribute referring to a resource is that resource's random block id, and random-looking
  UUIDs appear inside strings for attributes only known after apply (`random_id.x.hex`);
- an expression tfparse cannot evaluate (a variable without a value, a data source attribute)
  is null, an `__attribute__` object, or a string still holding `${...}`;
- a `dynamic` block beside static blocks of the same name loses elements; a dynamic block whose
  `for_each` is unknown, or that sits inside a static block, disappears.
All of these become rendered addresses or unknown markers: a rule never sees a wrong value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from scanner.terraform.refs import Scope, expression, is_data_reference

# A value no static evaluation can know; rules treat it as neither compliant nor violating.
UNKNOWN_KEY = "__unknown__"
_EXPRESSION = re.compile(r"[.(\[]|\$\{")  # pygohcl's text of anything but a plain string
_UNKNOWN_MARK = "\x00unknown\x00"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
# Meta-arguments and tfparse bookkeeping that are not part of a resource's configuration.
_SKIP = frozenset({"__tfmeta", "id", "dynamic", "count", "for_each", "depends_on"})


def unknown(expr: str) -> dict[str, str]:
    return {UNKNOWN_KEY: expr}


# Values nested deeper are unknown: the view stays within Python's recursion limit and the Rego
# engine's input depth (regorus rejects input nested deeper than 128 levels).
MAX_DEPTH = 64


@dataclass(frozen=True)
class Evaluation:
    scope: Scope
    ids: dict[str, str]  # tfparse block id -> address of a resource or data source
    # Set when a value was cut at MAX_DEPTH, so the loader can report it (a `limit` scan error).
    cut: list[bool] = field(default_factory=list)


def config(block: dict[str, Any], raw: Any, ev: Evaluation, depth: int = 0) -> dict[str, Any]:
    raw = raw if isinstance(raw, dict) else {}
    out: dict[str, Any] = {}
    for name, value in block.items():
        if name in _SKIP:
            continue
        out[name] = _value(value, raw.get(name), ev, depth + 1)
    if "id" in raw:  # tfparse overwrites a configured `id` argument with its block id
        out["id"] = from_raw(raw["id"], ev)
    out.update(_dynamic_blocks(block, raw))
    return out


def from_raw(raw: Any, ev: Evaluation) -> Any:
    """A value known only from its source text: a literal, a reference, or unknown."""
    if not isinstance(raw, str):
        return raw
    address = ev.scope.render(raw)
    if address is not None and not _is_data(address):
        return address
    return unknown(raw) if _EXPRESSION.search(raw) else raw


def _dynamic_blocks(block: dict[str, Any], raw: dict[str, Any]) -> dict[str, Any]:
    """Block names whose evaluated elements cannot be trusted, marked unknown (see docstring)."""
    out: dict[str, Any] = {}
    dynamic = raw.get("dynamic")
    if not isinstance(dynamic, dict):
        return out
    for name, spec in dynamic.items():
        specs = spec if isinstance(spec, list) else [spec]
        if name in raw:
            out[name] = unknown(f'dynamic "{name}" beside static {name} blocks')
        elif name not in block and any(_maybe_nonempty(s) for s in specs):
            for_each = specs[0].get("for_each") if isinstance(specs[0], dict) else None
            text = expression(for_each) or json.dumps(for_each)
            out[name] = unknown(f'dynamic "{name}" for_each = {text} (not evaluated)')
    return out


def _maybe_nonempty(spec: Any) -> bool:
    for_each = spec.get("for_each") if isinstance(spec, dict) else None
    return not (isinstance(for_each, (list, dict)) and len(for_each) == 0)


def _value(value: Any, raw: Any, ev: Evaluation, depth: int) -> Any:
    if depth > MAX_DEPTH and isinstance(value, (dict, list)):
        ev.cut.append(True)
        return unknown(f"(nested deeper than {MAX_DEPTH} levels)")
    if isinstance(value, (dict, list)) and isinstance(raw, str) and "__tfmeta" not in value:
        # A map or list computed by an expression (`merge(...)`, `local.tags`): judged whole.
        if ev.scope.is_sensitive(raw):
            return unknown("(sensitive value)")
        if ev.scope.reads_unknown(raw):
            return unknown(expression(raw) or raw)
    if isinstance(value, dict):
        if "__tfmeta" in value:  # a single nested block
            return [config(value, raw[0] if isinstance(raw, list) and raw else raw, ev, depth + 1)]
        if "__attribute__" in value:  # tfparse could not evaluate the expression
            return _reference_or_unknown(raw, str(value["__attribute__"]), ev)
        sub = raw if isinstance(raw, dict) else {}
        return {k: _value(v, sub.get(k), ev, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        raws = raw if isinstance(raw, list) else []
        if value and all(isinstance(v, dict) and "__tfmeta" in v for v in value):
            return [config(v, raws[i] if i < len(raws) else None, ev, depth + 1) for i, v in enumerate(value)]
        return [_value(v, raws[i] if i < len(raws) else None, ev, depth + 1) for i, v in enumerate(value)]
    return _scalar(value, raw, ev)


def _scalar(value: Any, raw: Any, ev: Evaluation) -> Any:
    expr = expression(raw)
    literal = raw == value or expr is None
    if not literal and ev.scope.is_sensitive(raw):
        return unknown("(sensitive value)")  # never in a message, a report or a log
    if not literal:
        address = ev.scope.render(raw)
        if address is not None:
            return unknown(expr or "") if _is_data(address) else address
        if is_data_reference(raw) or ev.scope.reads_unknown(raw):
            return unknown(expr or "")
    if value is None:
        return None if literal or expr == "null" else unknown(expr or "")
    if isinstance(value, str):
        if value in ev.ids:  # a reference tfparse resolved to the target's block id
            address = ev.ids[value]
            return unknown(expr or value) if _is_data(address) else address
        if not literal and _UUID.search(value):
            # Block ids inside a computed string (`"${aws_s3_bucket.b.arn}/*"` in a policy) are
            # references: rendered as addresses. Any other UUID is a value only apply knows.
            value = _UUID.sub(lambda m: _id_address(m.group(0), ev), value)
            if _UUID.search(value) or _UNKNOWN_MARK in value:
                return unknown(expr or "")
        if "${" in value:
            return unknown(expr or value)
    return value


def _id_address(block_id: str, ev: Evaluation) -> str:
    address = ev.ids.get(block_id)
    return _UNKNOWN_MARK if address is None or _is_data(address) else address


def _reference_or_unknown(raw: Any, fallback: str, ev: Evaluation) -> Any:
    address = ev.scope.render(raw)
    if address is not None and not _is_data(address):
        return address
    return unknown(expression(raw) or fallback)


def _is_data(address: str) -> bool:
    return address.startswith("data.") or ".data." in address

"""Terraform plan JSON (`terraform show -json PLAN`) → the same resource view as .tf files.

The plan is the most exact input: every variable, module and instance key is resolved by
Terraform itself. A resource's config is its planned `after` values; values Terraform marks
`after_unknown` are unknown, or the address of the resource the configuration refers to (so joins
such as `bucket = aws_s3_bucket.b.id` work before apply); values marked sensitive are unknown
so they never reach a message. Computed attributes the configuration does not set are left out,
as in the .tf view: "absent" rules keep meaning "not configured".
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scanner.documents import Document, LoadError, Span
from scanner.errors import FatalError
from scanner.loaders import json_text, nesting
from scanner.terraform.refs import module_prefix, strip_keys
from scanner.terraform.values import unknown
from scanner.walk import FileEntry

_HEAD_BYTES = 4096
_ADDRESS = re.compile(rb'"address"\s*:\s*("(?:[^"\\]|\\.)*")')


def looks_like_plan(head: bytes) -> bool:
    """Plan JSON starts with format_version and terraform_version (terraform orders its keys)."""
    return head.lstrip().startswith(b"{") and b'"format_version"' in head and b'"terraform_version"' in head


def is_plan_entry(entry: FileEntry) -> bool:
    if not entry.rel.endswith(".json") or entry.rel.endswith(".tf.json") or entry.binary:
        return False
    try:
        with entry.open() as fh:
            return looks_like_plan(fh.read(_HEAD_BYTES))
    except OSError:
        return False


def load(entry: FileEntry) -> Document:
    with entry.open() as fh:
        return from_text(entry.rel, fh.read())


def from_text(rel: str, data: bytes) -> Document:
    nesting.check(data, "plan JSON")
    try:
        plan = json_text.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise LoadError(f"invalid plan JSON: {exc}", line=line) from None
    if not isinstance(plan, dict) or not ({"planned_values", "configuration"} & plan.keys()):
        raise LoadError("not a Terraform plan: no planned_values or configuration (is it a state file?)")
    lines = _address_lines(data)
    resources = sorted(_resources(plan), key=lambda r: r["address"])
    spans = {}
    for r in resources:
        line = lines.get(r["address"], 1)
        r.update(file=rel, line=line, end_line=line)
        spans[r["address"]] = Span(rel, line, line)
    return Document(kind="terraform", path=rel, data={"resources": resources}, addresses=spans)


def _address_lines(data: bytes) -> dict[str, int]:
    """First line each address appears on (1 for the one-line output of terraform show)."""
    out: dict[str, int] = {}
    line, pos = 1, 0
    for match in _ADDRESS.finditer(data):
        line += data.count(b"\n", pos, match.start())
        pos = match.start()
        try:
            out.setdefault(json_text.loads(match.group(1)), line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
    return out


def _planned(module: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from module.get("resources") or []
    for child in module.get("child_modules") or []:
        yield from _planned(child)


class _Config:
    """The plan's `configuration` section: expressions per configuration address."""

    def __init__(self, plan: dict[str, Any]) -> None:
        self.expressions: dict[str, dict[str, Any]] = {}
        self.outputs: dict[str, dict[str, Any]] = {}
        self._index((plan.get("configuration") or {}).get("root_module") or {}, "")

    def _index(self, module: dict[str, Any], prefix: str) -> None:
        for res in module.get("resources") or []:
            self.expressions[_join(prefix, res.get("address", ""))] = res.get("expressions") or {}
        for name, out in (module.get("outputs") or {}).items():
            self.outputs[_join(prefix, f"output.{name}")] = out.get("expression") or {}
        for name, call in (module.get("module_calls") or {}).items():
            self._index(call.get("module") or {}, _join(prefix, f"module.{name}"))


def _join(prefix: str, rest: str) -> str:
    return f"{prefix}.{rest}" if prefix else rest


def _resources(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    changes = {rc["address"]: rc for rc in plan.get("resource_changes") or [] if "address" in rc}
    planned = {r["address"]: r for r in _planned((plan.get("planned_values") or {}).get("root_module") or {})}
    cfg = _Config(plan)
    instances = set(changes) | set(planned)
    for address in sorted(instances):
        rc, pv = changes.get(address), planned.get(address)
        entry = rc or pv or {}
        change = (rc or {}).get("change") or {}
        if rc is not None and change.get("actions") == ["delete"]:
            continue
        after = change["after"] if "after" in change else (pv or {}).get("values")
        module = entry.get("module_address") or module_prefix(address)
        refs = _Refs(instances, module, _key(entry.get("index")), cfg)
        expressions = cfg.expressions.get(strip_keys(address), {})
        values = _merge(
            after if isinstance(after, dict) else {},
            change.get("after_unknown") or {},
            change.get("after_sensitive") or (pv or {}).get("sensitive_values") or {},
            expressions,
            refs,
            top=True,
        )
        yield {
            "address": address,
            "type": entry.get("type", ""),
            "name": entry.get("name", ""),
            "mode": entry.get("mode", "managed"),
            "module": module,
            "config": values,
        }


def _key(index: Any) -> str | None:
    if index is None:
        return None
    return f"[{index}]" if isinstance(index, int) else f"[{json.dumps(index)}]"


class _Refs:
    """Renders a configuration expression's references as the address of an instance."""

    def __init__(self, instances: set[str], module: str, key: str | None, cfg: _Config) -> None:
        self.instances, self.module, self.key, self.cfg = instances, module, key, cfg

    def render(self, expr: Any, hops: int = 0) -> str | None:
        refs = expr.get("references") if isinstance(expr, dict) else None
        if not refs or hops > 32:
            return None
        configured_module = strip_keys(self.module) if self.module else ""
        for ref in refs:
            if ref.startswith("module."):
                return self._output(configured_module, ref.split("."), hops)
            if ref.startswith(("var.", "local.", "each.", "count.", "path.", "self.")):
                continue
            if ref.startswith("data."):
                return None  # a data source's attribute: unknown
            return self._instance(ref)
        return None

    def _output(self, configured_module: str, parts: list[str], hops: int) -> str | None:
        """`module.m.out`: the reference of output `out` inside module m, rendered there."""
        if len(parts) < 3 or "[" in parts[1]:
            return None  # an instanced module call (`module.m["a"].out`) is left unknown
        out = self.cfg.outputs.get(_join(configured_module, f"module.{parts[1]}.output.{parts[2]}"))
        child = _Refs(self.instances, _join(self.module, f"module.{parts[1]}"), None, self.cfg)
        return child.render(out, hops + 1) if out else None

    def _instance(self, ref: str) -> str | None:
        # terraform lists `aws_x.y[count.index]` as "aws_x.y" plus "count.index"
        head = re.match(r"^[^.\[]+\.[^.\[]+", ref)
        if head is None:
            return None
        base = _join(self.module, head.group(0))
        if base in self.instances:
            return base
        indexed = re.match(r"^(.*?\.[^.\[]+)(\[[^\]]+\])", _join(self.module, ref))
        if indexed and indexed.group(0) in self.instances:
            return indexed.group(0)
        if self.key is not None and base + self.key in self.instances:
            return base + self.key  # `aws_s3_bucket.b[count.index]` from an instance with that key
        return None


def _merge(value: Any, unk: Any, sens: Any, expr: Any, refs: _Refs, top: bool = False) -> Any:
    if sens is True:
        return unknown("(sensitive value)")
    if unk is True:
        rendered = refs.render(expr)
        return rendered if rendered is not None else unknown(_expr_text(expr))
    if isinstance(value, dict) or isinstance(unk, dict):
        value = value if isinstance(value, dict) else {}
        unk = unk if isinstance(unk, dict) else {}
        sens = sens if isinstance(sens, dict) else {}
        expr = expr if isinstance(expr, dict) else {}
        out = {}
        for k in sorted(set(value) | set(unk)):
            if top and unk.get(k) is True and k not in expr:
                continue  # computed and not configured: absent, as in the .tf view
            # Nested blocks' expressions are lists of expression maps, like their values.
            out[k] = _merge(value.get(k), unk.get(k), sens.get(k), expr.get(k), refs)
        return out
    if isinstance(value, list):
        unk = unk if isinstance(unk, list) else []
        sens = sens if isinstance(sens, list) else []
        # A one-element list attribute (`[aws_x.y.id]`) carries its expression on the list itself.
        exprs = expr if isinstance(expr, list) else [expr] if len(value) == 1 else []
        return [_merge(v, _at(unk, i), _at(sens, i), _at(exprs, i), refs) for i, v in enumerate(value)]
    return value


def _at(items: list[Any], i: int) -> Any:
    return items[i] if i < len(items) else None


def _expr_text(expr: Any) -> str:
    refs = expr.get("references") if isinstance(expr, dict) else None
    return refs[0] if refs else "(known after apply)"


def load_plan(path: Path) -> Document:
    """--terraform-plan: plan JSON as is, or a saved plan file through `terraform show -json`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FatalError(f"read terraform plan {path}: {exc.strerror}") from None
    if not looks_like_plan(data[:_HEAD_BYTES]):
        data = show_json(path)
    try:
        return from_text(path.as_posix(), data)
    except LoadError as exc:
        raise FatalError(f"read terraform plan {path}: {exc.message}") from None


def show_json(plan: Path) -> bytes:
    """`terraform show -json PLAN` in the plan's directory, where `terraform plan` wrote it (it
    needs that directory's .terraform for provider schemas). Never runs init, plan or apply."""
    binary = shutil.which("terraform")
    if binary is None:
        raise FatalError(
            f"read terraform plan {plan}: it is a saved plan file and reading it needs terraform on PATH; "
            "or pass the output of `terraform show -json PLANFILE` instead"
        )
    from python_terraform import IsFlagged, Terraform  # imported late: only plan runs need it

    env_tf = Terraform(working_dir=str(plan.parent.resolve()), terraform_bin_path=binary)
    os.environ.setdefault("TF_IN_AUTOMATION", "1")
    os.environ.setdefault("CHECKPOINT_DISABLE", "1")  # no version check call to HashiCorp
    code, out, err = env_tf.cmd("show", plan.name, json=IsFlagged, no_color=IsFlagged)
    if code != 0:
        detail = " ".join((err or out or "").split())[:400]
        raise FatalError(f"terraform show -json {plan}: exit {code}: {detail}")
    return out.encode("utf-8")

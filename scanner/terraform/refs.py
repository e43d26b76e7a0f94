"""Terraform addresses and references: splitting addresses, rendering `aws_s3_bucket.x.id`
(or `module.m.bucket_id`) as the address of the resource it points at."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from scanner.terraform.taint import reads_names

# `aws_s3_bucket.raw.id`, `aws_s3_bucket.raw[0].arn`, `data.aws_iam_policy_document.p.json`
_TRAVERSAL = re.compile(
    r"^(?P<target>(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)(?P<index>\[[^\]]+\])?(?:\.[\w.\[\]\"-]+)?$"
)
# `module.lake.bucket`, `module.many["a"].bucket`, `module.c[count.index].arn`
_MODULE_OUTPUT = re.compile(r"^module\.(?P<name>[A-Za-z_][\w-]*)(?P<index>\[[^\]]+\])?\.(?P<output>[A-Za-z_][\w-]*)")
_INTERPOLATION = re.compile(r"^\$\{(.*)\}$", re.S)
_MAX_OUTPUT_HOPS = 32  # module outputs that forward other modules' outputs


_ADDRESS_PART = re.compile(r'(?:[^.\[]+(?:\[(?:"[^"]*"|[^\]]*)\])?)')


def split_address(address: str) -> list[str]:
    # Dots inside ["key"] instance keys are not separators; without keys, a split is the same
    # (60,000 calls on a module of 10,000 resources).
    if "[" not in address:
        return [part for part in address.split(".") if part]
    return _ADDRESS_PART.findall(address)


def module_prefix(address: str) -> str:
    return _module_prefix(split_address(address))


def _module_prefix(parts: list[str]) -> str:
    prefix: list[str] = []
    while len(parts) >= 2 and parts[0] == "module":
        prefix += parts[:2]
        parts = parts[2:]
    return ".".join(prefix)


def block_name(address: str) -> str:
    return split_address(address)[-1].split("[", 1)[0]


def instance_key(address: str) -> str | None:
    last = split_address(address)[-1]
    return last[last.index("[") :] if "[" in last else None


def address_parts(address: str) -> tuple[str, str, str | None]:
    """(module_prefix, block_name, instance_key) of a resource address, split once."""
    parts = split_address(address)
    last = parts[-1]
    bracket = last.find("[")
    if bracket == -1:
        return _module_prefix(parts), last, None
    return _module_prefix(parts), last[:bracket], last[bracket:]


def strip_keys(address: str) -> str:
    """`module.m["a"].aws_s3_bucket.b[0]` -> `module.m.aws_s3_bucket.b` (the configuration address)."""
    if "[" not in address and ".." not in address and not address.startswith(".") and not address.endswith("."):
        return address  # what the split and join below would give back (a module's 10,000 addresses)
    return ".".join(p.split("[", 1)[0] for p in split_address(address))


def expression(raw: Any) -> str | None:
    """The expression text of a raw attribute: pygohcl gives traversals bare, .tf.json as "${...}"."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text.startswith("${"):
        return text
    match = _INTERPOLATION.match(text)
    return match.group(1).strip() if match else text


def _resolve_index(index: str | None, key: str | None) -> str | None:
    """A literal instance index, or the referring instance's own key for `[count.index]`."""
    if not index:
        return ""
    if index in ("[count.index]", "[each.key]"):
        return key
    inner = index[1:-1]
    if inner.isdigit() or (inner.startswith('"') and inner.endswith('"')):
        return index
    return None  # computed index: the target instance cannot be named


@dataclass
class ModuleTree:
    """What reference rendering needs to know about every module directory."""

    calls: dict[str, dict[str, str]] = field(default_factory=dict)  # dir -> call name -> dir
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)  # dir -> output -> raw value
    declared: set[str] = field(default_factory=set)  # configuration addresses of resources and data
    sensitive: dict[str, set[str]] = field(default_factory=dict)  # dir -> {"var.x", "local.y"}
    # call path ("" or "module.a.module.b", no instance keys) -> {"var.x", "local.y"}
    unknown_inputs: dict[str, set[str]] = field(default_factory=dict)

    def directory_of(self, top: str, prefix: str) -> str | None:
        here = top
        for part in split_address(prefix)[1::2]:
            nxt = self.calls.get(here, {}).get(part.split("[", 1)[0])
            if nxt is None:
                return None
            here = nxt
        return here


@dataclass(frozen=True)
class Scope:
    """Where an expression is evaluated: the module instance and the resource instance key."""

    tree: ModuleTree
    top: str  # the root module's directory
    module: str  # "module.a.module.b" or ""
    key: str | None

    def is_sensitive(self, raw: Any) -> bool:
        """Whether `raw` reads a variable declared (or passed down as) sensitive."""
        return self._reads(raw, self.tree.sensitive)

    def reads_unknown(self, raw: Any) -> bool:
        """Whether `raw` reads a data source or a variable without a value (directly, through
        a local, or through a module argument): what tfparse makes of it is a guess."""
        text = expression(raw)
        if text is None:
            return False
        names = self.tree.unknown_inputs.get(strip_keys(self.module) if self.module else "", set())
        return "data." in text or (bool(names) and reads_names(text, names))

    def _reads(self, raw: Any, names_by_dir: dict[str, set[str]]) -> bool:
        text = expression(raw)
        names = names_by_dir.get(self.tree.directory_of(self.top, self.module) or "", set())
        return text is not None and bool(names) and reads_names(text, names)

    def render(self, raw: Any) -> str | None:
        """The address `raw` refers to, or None when it is not a plain reference."""
        text = expression(raw)
        if text is None:
            return None
        return _render(text, self, 0)


def _render(text: str, scope: Scope, hops: int) -> str | None:
    if text.startswith("module.") and hops < _MAX_OUTPUT_HOPS:
        return _render_output(text, scope, hops)
    match = _TRAVERSAL.match(text)
    if not match:
        return None
    target = match.group("target")
    prefixed = f"{scope.module}.{target}" if scope.module else target
    if strip_keys(prefixed) not in scope.tree.declared:
        return None  # `var.x`, `local.y`, a literal like "acme.models.prod": not a resource
    index = _resolve_index(match.group("index"), scope.key)
    return None if index is None else prefixed + index


def _render_output(text: str, scope: Scope, hops: int) -> str | None:
    match = _MODULE_OUTPUT.match(text)
    if not match:
        return None
    here = scope.tree.directory_of(scope.top, scope.module)
    child = scope.tree.calls.get(here or "", {}).get(match.group("name"))
    if child is None:
        return None
    index = _resolve_index(match.group("index"), scope.key)
    if index is None:
        return None
    value = scope.tree.outputs.get(child, {}).get(match.group("output"))
    inner = expression(value)
    if inner is None:
        return None
    call = f"module.{match.group('name')}{index}"
    child_scope = Scope(scope.tree, scope.top, f"{scope.module}.{call}" if scope.module else call, None)
    return _render(inner, child_scope, hops + 1)


def is_data_reference(raw: Any) -> bool:
    text = expression(raw)
    return text is not None and text.startswith("data.") and _TRAVERSAL.match(text) is not None


def outputs_of(raw_files: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for raw in raw_files.values():
        for name, body in (raw.get("output") or {}).items():
            if isinstance(body, dict):
                out[name] = body.get("value")
    return out

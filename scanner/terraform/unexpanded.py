"""Resources tfparse leaves out because their `for_each` cannot be evaluated.

tfparse drops a resource whose `for_each` is unknown (a data source's ids, another resource's
attributes, a root variable without a value); an unknown `count` it treats as 1. Leaving such a
resource out would make rules wrong, not cautious: an encryption configuration with that
`for_each` still covers the bucket it names. Each one comes back as a single resource without
an instance key, marked `instances_unknown`, with the configuration its source text tells
(literals and references; everything else unknown). A `for_each` tfparse could evaluate to an
empty collection leaves nothing, as in Terraform.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from scanner.terraform.refs import Scope, expression, strip_keys
from scanner.terraform.values import Evaluation, from_raw, unknown

_TRAVERSALS = re.compile(r"[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*(?:\.[\w-]+)?")
_META = frozenset({"count", "for_each", "depends_on", "lifecycle", "provider", "dynamic"})


def unexpanded(
    prefixes: Iterable[str],
    directory_of: Mapping[str, str],
    raw_files: Mapping[str, Mapping[str, Any]],
    texts: Mapping[str, str],
    present: set[str],
    scope_for: Any,
    ids: dict[str, str],
    unset_vars: set[str],
) -> Iterator[dict[str, Any]]:
    """Placeholder resources for every module instance in `prefixes` (""=the root module)."""
    for prefix in sorted(prefixes):
        directory = directory_of.get(prefix)
        if directory is None:
            continue
        for rel, raw in sorted(raw_files.items()):
            if rel.rpartition("/")[0] != (directory if directory != "." else ""):
                continue
            for mode, type_name, name, body in _repeated_blocks(raw):
                local = f"{type_name}.{name}" if mode == "resource" else f"data.{type_name}.{name}"
                address = f"{prefix}.{local}" if prefix else local
                if strip_keys(address) in present:
                    continue
                scope: Scope = scope_for(prefix)
                if not _unknown_collection(body["for_each"], scope, unset_vars if not prefix else set()):
                    continue
                line = _line_of(texts.get(rel), mode, type_name, name)
                yield {
                    "address": address,
                    "type": type_name,
                    "name": name,
                    "mode": "managed" if mode == "resource" else "data",
                    "module": prefix,
                    "file": rel,
                    "line": line,
                    "end_line": line,
                    "instances_unknown": True,
                    "config": _config(body, Evaluation(scope, ids)),
                }


def _repeated_blocks(raw: Mapping[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for mode in ("resource", "data"):
        by_type = raw.get(mode)
        for type_name, named in by_type.items() if isinstance(by_type, dict) else ():
            for name, body in named.items() if isinstance(named, dict) else ():
                if isinstance(body, dict) and "for_each" in body:
                    yield mode, type_name, name, body


def _unknown_collection(raw: Any, scope: Scope, unset_vars: set[str]) -> bool:
    """Whether tfparse cannot have evaluated this `for_each` (so dropping it says nothing)."""
    text = expression(raw)
    if text is None or isinstance(raw, (list, dict)):
        return False  # a literal collection: tfparse evaluated it
    if "data." in text or any(re.search(rf"\bvar\.{re.escape(v)}\b", text) for v in unset_vars):
        return True
    return any(scope.render(ref) is not None for ref in _TRAVERSALS.findall(text))


def _config(body: dict[str, Any], ev: Evaluation) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, raw in body.items():
        if key in _META:
            continue
        # A nested block and a map look alike in pygohcl's output: neither is guessed at.
        out[key] = from_raw(raw, ev) if not isinstance(raw, (dict, list)) else unknown(f"{key} (not evaluated)")
    return out


def _line_of(text: str | None, mode: str, type_name: str, name: str) -> int:
    """The block's line, from the text the loader read (never a second read of the file)."""
    if text is None:
        return 1
    header = re.compile(rf'^\s*{mode}\s+"?{re.escape(type_name)}"?\s+"?{re.escape(name)}"?\s*\{{', re.M)
    match = header.search(text)
    return 1 if match is None else match.string.count("\n", 0, match.start()) + 1

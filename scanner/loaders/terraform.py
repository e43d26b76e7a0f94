"""Terraform root modules → a resource view (address, type, file, lines, evaluated config).

pygohcl (HashiCorp's own parser) checks every file's syntax and gives each attribute's source
expression; tfparse evaluates variables, locals, modules, count and for_each. tfparse drops a
file it cannot parse without a word, so syntax is always checked first and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pygohcl

from scanner.documents import Document, LoadError, ScanError, Span
from scanner.walk import FileEntry

# A value no static evaluation can know; rules treat it as neither compliant nor violating.
UNKNOWN_KEY = "__unknown__"
NON_RESOURCE_BLOCKS = frozenset({"locals", "module", "variable", "output", "provider", "terraform"})
_ERROR_POS = re.compile(r":(\d+),(\d+)-")
# `aws_s3_bucket.raw.id`, `aws_s3_bucket.raw[0].arn`, `data.aws_iam_policy_document.p.json`
_TRAVERSAL = re.compile(
    r"^(?P<target>(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)(?P<index>\[[^\]]+\])?(?:\.[\w.\[\]\"-]+)?$"
)


@dataclass
class _Module:
    directory: str  # repo-relative POSIX directory, "." for the top
    files: list[FileEntry] = field(default_factory=list)
    raw: dict[str, dict[str, Any]] = field(default_factory=dict)  # file rel -> pygohcl output
    calls: set[str] = field(default_factory=set)  # directories of local module sources


def unsupported_single_file(entry: FileEntry) -> list[Document]:
    raise LoadError("terraform files are loaded per module directory")


def unknown(expression: str) -> dict[str, str]:
    return {UNKNOWN_KEY: expression}


def _parse_error(rel: str, exc: Exception) -> ScanError:
    text = str(exc)
    pos = _ERROR_POS.search(text)
    detail = text.split(": ", 2)[-1] if pos else text
    line, col = (int(pos.group(1)), int(pos.group(2))) if pos else (None, None)
    return ScanError(rel, f"invalid HCL: {detail}", line=line, column=col)


def _local_source(directory: str, source: Any) -> str | None:
    if not isinstance(source, str) or not source.startswith(("./", "../")):
        return None
    joined = PurePosixPath(directory) / source
    parts: list[str] = []
    for part in joined.parts:
        if part == "..":
            if not parts:
                return None  # leaves the scan root: not ours to read
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts) or "."


def _modules(entries: Iterable[FileEntry], errors: list[ScanError]) -> dict[str, _Module]:
    mods: dict[str, _Module] = {}
    for entry in entries:
        directory = PurePosixPath(entry.rel).parent.as_posix()
        mod = mods.setdefault(directory, _Module(directory))
        mod.files.append(entry)
        try:
            raw = pygohcl.loads(entry.abs.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError as exc:
            errors.append(ScanError(entry.rel, f"invalid UTF-8 at byte {exc.start}"))
            continue
        except Exception as exc:  # pygohcl raises HCLParseError and ValueError
            errors.append(_parse_error(entry.rel, exc))
            continue
        mod.raw[entry.rel] = raw
        for call in (raw.get("module") or {}).values():
            target = _local_source(directory, call.get("source") if isinstance(call, dict) else None)
            if target is not None:
                mod.calls.add(target)
    return mods


def _cycle_from(start: str, mods: dict[str, _Module]) -> list[str] | None:
    """A module call path that returns to a directory already on it, if any."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    while stack:
        here, trail = stack.pop()
        for nxt in sorted(mods[here].calls if here in mods else ()):
            if nxt in trail:
                return [*trail, nxt]
            stack.append((nxt, [*trail, nxt]))
    return None


def load_modules(root: Path, entries: Sequence[FileEntry]) -> tuple[list[Document], list[ScanError]]:
    errors: list[ScanError] = []
    mods = _modules(entries, errors)
    called = {c for m in mods.values() for c in m.calls}
    docs = []
    for directory in sorted(mods):
        mod = mods[directory]
        if directory in called or not mod.raw:
            continue
        cycle = _cycle_from(directory, mods)
        if cycle is not None:
            errors.append(
                ScanError(
                    mod.files[0].rel,
                    "module sources form a cycle: " + " -> ".join(cycle) + "; module not evaluated",
                )
            )
            continue
        try:
            docs.append(_root_document(root, mod, mods))
        except Exception as exc:  # tfparse reports evaluation failures as generic errors
            errors.append(ScanError(mod.files[0].rel, f"evaluate terraform module: {exc}"))
    return docs, errors


def _root_document(root: Path, mod: _Module, mods: dict[str, _Module]) -> Document:
    from tfparse import load_from_path  # imported late: loads a Go runtime

    parsed = load_from_path(str(root / mod.directory))
    base = PurePosixPath(mod.directory)
    ids: dict[str, str] = {}
    blocks: list[tuple[str, dict[str, Any]]] = []
    for type_name, items in parsed.items():
        for block in items:
            meta = block.get("__tfmeta", {})
            if "path" in meta and "id" in block:
                ids[block["id"]] = meta["path"]
            if type_name not in NON_RESOURCE_BLOCKS and meta.get("type") in ("resource", "data"):
                blocks.append((type_name, block))

    raw_index = _raw_blocks(mods)
    resources, addresses = [], {}
    for type_name, block in blocks:
        meta = block["__tfmeta"]
        address = meta["path"]
        rel = (base / meta["filename"]).as_posix() if base.as_posix() != "." else meta["filename"]
        module = _module_prefix(address)
        raw = raw_index.get((rel, meta["type"], type_name, _block_name(address)), {})
        config = _config(block, ids, raw, module, _instance_key(address))
        resources.append(
            {
                "address": address,
                "type": type_name,
                "name": _block_name(address),
                "mode": "managed" if meta["type"] == "resource" else "data",
                "module": module,
                "file": rel,
                "line": meta.get("line_start", 1),
                "end_line": meta.get("line_end", meta.get("line_start", 1)),
                "config": config,
            }
        )
        addresses[address] = Span(rel, meta.get("line_start", 1), meta.get("line_end", 1))
    resources.sort(key=lambda r: r["address"])
    return Document(
        kind="terraform",
        path=mod.directory,
        data={"resources": resources},
        addresses=addresses,
    )


def _module_prefix(address: str) -> str:
    parts = _split_address(address)
    prefix = []
    while len(parts) >= 2 and parts[0] == "module":
        prefix += parts[:2]
        parts = parts[2:]
    return ".".join(prefix)


def _split_address(address: str) -> list[str]:
    # Dots inside ["key"] instance keys are not separators.
    return re.findall(r'(?:[^.\[]+(?:\[(?:"[^"]*"|[^\]]*)\])?)', address)


def _block_name(address: str) -> str:
    last = _split_address(address)[-1]
    return last.split("[", 1)[0]


def _instance_key(address: str) -> str | None:
    last = _split_address(address)[-1]
    return last[last.index("[") :] if "[" in last else None


def _raw_blocks(mods: dict[str, _Module]) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    out: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for mod in mods.values():
        for rel, raw in mod.raw.items():
            for mode in ("resource", "data"):
                for type_name, named in (raw.get(mode) or {}).items():
                    for name, body in (named or {}).items():
                        if isinstance(body, dict):
                            out[(rel, mode, type_name, name)] = body
    return out


def _render_reference(text: str, module: str, key: str | None) -> str | None:
    match = _TRAVERSAL.match(text)
    if not match or text.startswith(("var.", "local.", "each.", "count.", "path.", "self.")):
        return None
    target = match.group("target")
    if target.startswith("module."):
        return None
    index = match.group("index")
    if index in ("[count.index]", "[each.key]") and key is not None:
        target += key
    elif index and (index[1:-1].isdigit() or index[1] == '"'):
        target += index
    return f"{module}.{target}" if module else target


def _config(block: dict[str, Any], ids: dict[str, str], raw: Any, module: str, key: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    raw = raw if isinstance(raw, dict) else {}
    for name, value in block.items():
        if name in ("__tfmeta", "id", "dynamic"):
            continue
        out[name] = _value(value, ids, raw.get(name), module, key)
    return out


def _value(value: Any, ids: dict[str, str], raw: Any, module: str, key: str | None) -> Any:
    """tfparse's value, with block/attribute quirks normalised (see module docstring)."""
    if isinstance(raw, str):
        rendered = _render_reference(raw, module, key)
        if rendered is not None and not isinstance(value, (dict, list)):
            return rendered
    if isinstance(value, dict):
        if "__tfmeta" in value:  # a single nested block: blocks are always lists
            return [_config(value, ids, raw[0] if isinstance(raw, list) and raw else raw, module, key)]
        if "__attribute__" in value:
            return unknown(str(value["__attribute__"]))
        sub = raw if isinstance(raw, dict) else {}
        return {k: _value(v, ids, sub.get(k), module, key) for k, v in value.items()}
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "__tfmeta" in v for v in value):
            raws = raw if isinstance(raw, list) else []
            return [_config(v, ids, raws[i] if i < len(raws) else None, module, key) for i, v in enumerate(value)]
        raws = raw if isinstance(raw, list) else []
        return [_value(v, ids, raws[i] if i < len(raws) else None, module, key) for i, v in enumerate(value)]
    if isinstance(value, str):
        if value in ids:
            return ids[value]
        if "${" in value:
            return unknown(value)
    return value

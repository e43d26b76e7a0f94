"""Duplicate declarations in one module: two `resource` (or `data`, or `module`) blocks with the
same address.

Terraform rejects such a module ("Duplicate resource configuration"); pygohcl returns both
bodies (a list where one body is expected) and tfparse evaluates both under one address, whose
findings then share one fingerprint: one of them would be lost without a word. Each duplicate is
a `parse` scan error naming both files and lines. The module is still evaluated, so that the
rest of it is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from scanner.documents import ScanError

# Terraform identifiers: a label that is not one stays out of messages (it comes from the file).
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")

Place = tuple[str, int | None]  # file, line


def _count(body: Any) -> int:
    if isinstance(body, list):
        return sum(1 for b in body if isinstance(b, dict))
    return 1 if isinstance(body, dict) else 0


def _labelled(value: Any) -> Iterator[tuple[str, Any]]:
    """(label, body or bodies) from {label: ...}, or a list of such objects (Terraform JSON)."""
    for group in value if isinstance(value, list) else [value]:
        if isinstance(group, dict):
            yield from group.items()


def _blocks(raw: Mapping[str, Any]) -> Iterator[tuple[str, tuple[str, ...], int]]:
    """(block type, labels, number of bodies) of the resource, data and module blocks of one
    file's raw (not yet normalised) parser output."""
    for mode in ("resource", "data"):
        for type_name, named in _labelled(raw.get(mode)):
            for name, body in _labelled(named):
                yield mode, (type_name, name), _count(body)
    for name, body in _labelled(raw.get("module")):
        yield "module", (name,), _count(body)


def _address(mode: str, labels: tuple[str, ...]) -> str:
    prefix = {"resource": "", "data": "data.", "module": "module."}[mode]
    return prefix + ".".join(labels)


# An HCL block header `resource "type" "name" {`: the block type, then its labels (quoted or
# bare). One pass over a file finds every header; a pattern per declaration was quadratic
# (10,000 resources in one file: 10,000 compiled patterns, each run over the whole file).
_HEADER = re.compile(r'(?m)^[ \t]*(resource|data|module)((?:[ \t]+(?:"[^"\n]*"|[^\s"{]+))+)[ \t]*\{')
_LABEL = re.compile(r'"([^"\n]*)"|([^\s"{]+)')


def header_lines(text: str) -> dict[tuple[str, tuple[str, ...]], list[int]]:
    """Lines of the HCL block headers in `text`, by (block type, labels), in order."""
    out: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    line, counted = 1, 0
    for m in _HEADER.finditer(text):
        line += text.count("\n", counted, m.start())
        counted = m.start()
        labels = tuple(quoted or bare for quoted, bare in _LABEL.findall(m.group(2)))
        out.setdefault((m.group(1), labels), []).append(line)
    return out


# One body of a block: its file, block type, labels, and which body of that block the file
# holds (0 for the first). Its line is found only for an address declared twice (errors).
Declaration = tuple[str, str, tuple[str, ...], int]


def declarations(rel: str, raw: Mapping[str, Any]) -> Iterator[tuple[str, Declaration]]:
    """(address, declaration) of every resource, data and module block of one file, one per body."""
    for mode, labels, count in _blocks(raw):
        for n in range(count):
            yield _address(mode, labels), (rel, mode, labels, n)


def _where(place: Place) -> str:
    rel, line = place
    return rel if line is None else f"{rel}:{line}"


def errors(declared: Mapping[str, list[Declaration]], texts: Mapping[str, str]) -> list[ScanError]:
    """One `parse` error per declaration after the first of an address, at the later one. The
    lines are read (header_lines) only from files that hold a duplicate: a module of 10,000
    resources is not searched for its block headers when none is declared twice."""
    headers: dict[str, dict[tuple[str, tuple[str, ...]], list[int]]] = {}

    def place(declaration: Declaration) -> Place:
        rel, mode, labels, n = declaration
        if rel.endswith(".json") or rel not in texts:
            return rel, None
        if rel not in headers:
            headers[rel] = header_lines(texts[rel])
        lines = headers[rel].get((mode, labels), [])
        return rel, lines[n] if n < len(lines) else None

    out = []
    for address, found in sorted(declared.items()):
        if len(found) < 2:
            continue
        kind = "module call" if address.startswith("module.") else "resource address"
        named = all(_IDENTIFIER.match(part) for part in address.split("."))
        what = f"{kind} {address}" if named else kind
        first = place(found[0])
        for later in map(place, found[1:]):
            message = f"duplicate {what}: also declared at {_where(first)}; Terraform rejects the module"
            out.append(ScanError(later[0], message, line=later[1], kind="parse"))
    return out

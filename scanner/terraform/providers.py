"""Provider version constraints of a root module, as far as they decide a default.

Some provider defaults changed between major versions (azurerm 3.0: an unset `min_tls_version`
means TLS 1.2 instead of TLS 1.0; `allow_nested_items_to_be_public`, true by default, replaced
`allow_blob_public_access`, false by default). Terraform installs the newest version that every
constraint of the configuration allows (`required_providers` in any module of it, and the legacy
`version` argument of a `provider` block), so what decides such a default is the highest major
version the constraints allow: `max_major`, or None when nothing bounds it from above (the
newest release), or unknown when a constraint cannot be read. Rules use it only where it changes
the answer, and stay silent on unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from scanner.terraform.values import unknown

_CLAUSE = re.compile(r"^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?\s*$")


class Unreadable(ValueError):
    """A constraint that is not a list of `op version` clauses."""


def max_major(constraint: str) -> int | None:
    """The highest major version `constraint` allows; None when it has no upper bound.

    `~> 2.46` and `~> 2` allow 2.x; `< 3.0` and `< 3` allow 2.x, `< 3.1` allows 3.x;
    `= 2.99.0` (or a bare version) allows 2.x only; `>`, `>=` and `!=` set no upper bound."""
    bound: int | None = None
    for clause in constraint.split(","):
        match = _CLAUSE.match(clause)
        if match is None:
            raise Unreadable(constraint)
        op, major_text, minor, patch = match.groups()
        major = int(major_text)
        if op in (None, "=", "<=", "~>"):
            top = major
        elif op == "<":
            top = major - 1 if not int(minor or 0) and not int(patch or 0) else major
        else:
            continue
        bound = top if bound is None else min(bound, top)
    return bound


def _short_name(name: str, body: Any) -> str:
    """The local name a `required_providers` entry is known by (its `source`'s last part when
    it declares one: `azurerm = { source = "hashicorp/azurerm" }`)."""
    source = body.get("source") if isinstance(body, dict) else None
    return source.rsplit("/", 1)[-1].lower() if isinstance(source, str) and source else name


def constraints(raws: Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, Any]]:
    """(provider, constraint) of every version constraint in some files' normalised blocks."""
    for raw in raws:
        for block in raw.get("terraform") or []:
            required = block.get("required_providers") if isinstance(block, dict) else None
            for group in required if isinstance(required, list) else [required]:
                for name, body in group.items() if isinstance(group, dict) else ():
                    version = body.get("version") if isinstance(body, dict) else body
                    if version is not None:
                        yield _short_name(name, body), version
        providers = raw.get("provider") or {}
        for name, bodies in providers.items() if isinstance(providers, dict) else ():
            for body in bodies if isinstance(bodies, list) else []:
                if isinstance(body, dict) and body.get("version") is not None:
                    yield name, body["version"]


def view(raws: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """{provider: {"constraints": [...], "max_major": int | None | unknown}} for the resource
    view: constraints as written, and the highest major version they allow together."""
    out: dict[str, dict[str, Any]] = {}
    for name, constraint in constraints(raws):
        entry = out.setdefault(name, {"constraints": [], "max_major": None})
        if not isinstance(constraint, str):
            entry["constraints"].append(None)
            entry["max_major"] = unknown("a version constraint that is not a literal string")
            continue
        entry["constraints"].append(constraint)
        if isinstance(entry["max_major"], dict):
            continue  # already unknown
        try:
            top = max_major(constraint)
        except Unreadable:
            entry["max_major"] = unknown("a version constraint that could not be read")
            continue
        if top is not None:
            entry["max_major"] = top if entry["max_major"] is None else min(entry["max_major"], top)
    return out

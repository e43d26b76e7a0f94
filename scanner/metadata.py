"""Rule metadata: one schema for Rego and Python rules, validated before anything runs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Any

from scanner.atlas.catalog import load_catalog, unknown_ids
from scanner.errors import FatalError
from scanner.schema_errors import first_violation

# `strict` adds the rules whose metadata says `profile: strict`: policy choices (customer-managed
# keys, versioning, access logging) that many teams make differently and would otherwise suppress.
PROFILES: tuple[str, ...] = ("default", "strict")
DEFAULT_PROFILE = "default"


@cache
def schema() -> dict[str, Any]:
    text = resources.files("scanner.schemas").joinpath("rule-metadata.schema.json").read_text()
    return json.loads(text)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class RuleMeta:
    id: str
    title: str
    severity: str
    category: str
    nist_ai_rmf: tuple[str, ...]
    description: str
    remediation: str
    input_kinds: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    checkov_ids: tuple[str, ...] = ()
    deprecated: bool = False
    profile: str = "default"  # "strict": runs only under `profile: strict` (or when selected by id)
    atlas: tuple[str, ...] = ()  # MITRE ATLAS technique ids the rule helps prevent or detect
    atlas_none: str = ""  # why it maps to none (built-in rules declare one of the two)
    engine: str = "python"
    source: str = ""  # the file that declared the rule, for error messages and `rules`

    def to_dict(self) -> dict[str, Any]:
        """The schema's field names and nothing else (used by `rules --format json`)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in ("engine", "source") or (f.name == "atlas_none" and not self.atlas_none):
                continue
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


def validate(
    raw: Mapping[str, Any], source: str, known_kinds: Iterable[str], engine: str, trusted: bool = False
) -> RuleMeta:
    """Check `raw` against the schema and the loader registry; FatalError names `source`.

    `trusted` (the built-in rules, validated by the test suite before every release) skips
    the JSON Schema pass: importing jsonschema alone costs ~140 ms, half the pre-commit budget.
    """
    if not trusted:
        _check_schema(raw, source)
    kinds = set(known_kinds)
    unknown = [k for k in raw.get("input_kinds", ()) if k not in kinds]
    if unknown:
        raise FatalError(
            f"rule metadata in {source}: input_kinds: unknown kind(s) {unknown}; known kinds are {sorted(kinds)}"
        )
    _check_atlas(raw, source)
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    try:
        return RuleMeta(**values, engine=engine, source=source)
    except TypeError as exc:  # only reachable for trusted metadata, which skipped the schema
        raise FatalError(f"rule metadata in {source}: {exc}") from None


def _check_atlas(raw: Mapping[str, Any], source: str) -> None:
    """Ids against the shipped ATLAS list, for trusted rules too: a typo must not reach a report."""
    ids = raw.get("atlas") or ()
    if ids and raw.get("atlas_none"):
        raise FatalError(f"rule metadata in {source}: declares both atlas and atlas_none; keep one")
    if not ids:
        return
    unknown = unknown_ids(list(ids))
    if unknown:
        raise FatalError(
            f"rule metadata in {source}: atlas: unknown MITRE ATLAS technique id(s) {unknown}; "
            f"the shipped list is ATLAS {load_catalog().version} (scanner/atlas/techniques.json)"
        )


def _check_schema(raw: Mapping[str, Any], source: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    violation = first_violation(validator, dict(raw))
    if violation:
        raise FatalError(f"rule metadata in {source}: {violation[1]}")


def check_unique(metas: Iterable[RuleMeta]) -> None:
    """Ids and aliases share one namespace: a suppression must name exactly one rule."""
    seen: dict[str, str] = {}
    for meta in metas:
        for name in (meta.id, *meta.aliases):
            if name in seen:
                raise FatalError(f"rule id {name} is declared twice: in {seen[name]} and in {meta.source}")
            seen[name] = meta.source

"""The shipped MITRE ATLAS technique list (`techniques.json`): ids, names, tactics, version.

Regenerated from the published ATLAS data by `python -m scanner.atlas.regenerate` (see there);
never edited by hand. Rule metadata names techniques by id (`atlas:`), checked against this list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("techniques.json")


@dataclass(frozen=True)
class Tactic:
    id: str
    name: str
    url: str


@dataclass(frozen=True)
class Technique:
    id: str
    name: str
    parent: str | None  # the technique a sub-technique refines (AML.T0010 for AML.T0010.003)
    tactics: tuple[str, ...]
    url: str


@dataclass(frozen=True)
class Catalog:
    name: str
    version: str
    license_note: str
    source_commit: str | None
    tactics: dict[str, Tactic]
    techniques: dict[str, Technique]

    def label(self, tid: str) -> str:
        """`AML.T0010.003 AI Supply Chain Compromise: Model`, as atlas.mitre.org titles it."""
        t = self.techniques[tid]
        if t.parent and t.parent in self.techniques:
            return f"{tid} {self.techniques[t.parent].name}: {t.name}"
        return f"{tid} {t.name}"

    def tactic_names(self, tid: str) -> list[str]:
        return [self.tactics[a].name for a in self.techniques[tid].tactics if a in self.tactics]


@cache
def load_catalog() -> Catalog:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return Catalog(
        name=raw["name"],
        version=raw["version"],
        license_note=raw["license_note"],
        source_commit=raw["source"].get("commit"),
        tactics={t["id"]: Tactic(t["id"], t["name"], t["url"]) for t in raw["tactics"]},
        techniques={
            t["id"]: Technique(t["id"], t["name"], t["parent"], tuple(t["tactics"]), t["url"])
            for t in raw["techniques"]
        },
    )


def unknown_ids(ids: tuple[str, ...] | list[str]) -> list[str]:
    """The ids not in the shipped list (a typo, or a technique ATLAS retired)."""
    known = load_catalog().techniques
    return [i for i in ids if i not in known]

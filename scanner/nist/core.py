"""The AI RMF 1.0 Core (ai-rmf-1.0.json) and the static-evidence levels, loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

EVIDENCE_LEVELS: tuple[str, ...] = ("strong", "moderate", "weak", "none")
# "none": no defensible static signal; the report says "requires attestation", never "fail".
ATTESTATION_LEVEL = "none"


@dataclass(frozen=True)
class Subcategory:
    id: str  # "MEASURE 2.7"
    text: str
    label: str  # short label (editorial, not NIST text)
    function: str
    category: str
    evidence: str  # one of EVIDENCE_LEVELS
    signals: str
    reasoning: str

    @property
    def attestation(self) -> bool:
        return self.evidence == ATTESTATION_LEVEL


@dataclass(frozen=True)
class Category:
    id: str  # "MEASURE 2"
    title: str
    label: str
    subcategories: tuple[Subcategory, ...]

    @property
    def number(self) -> int:
        return int(self.id.rsplit(" ", 1)[1])


@dataclass(frozen=True)
class Function:
    id: str  # "MEASURE"
    title: str
    summary: str
    categories: tuple[Category, ...]


@dataclass(frozen=True)
class Characteristic:
    id: str
    name: str
    section: str
    subcategory: str  # the MEASURE 2.x subcategory that evaluates it


@dataclass(frozen=True)
class Core:
    framework: str
    document: str
    doi: str
    functions: tuple[Function, ...]
    characteristics: tuple[Characteristic, ...]
    subcategories: tuple[Subcategory, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        subs = tuple(s for f in self.functions for c in f.categories for s in c.subcategories)
        object.__setattr__(self, "subcategories", subs)

    def subcategory(self, sub_id: str) -> Subcategory:
        return next(s for s in self.subcategories if s.id == sub_id)


def _read(name: str) -> Any:
    return json.loads(resources.files("scanner.nist").joinpath(name).read_text(encoding="utf-8"))


@cache
def load_core() -> Core:
    raw = _read("ai-rmf-1.0.json")
    evidence = {s["id"]: s for s in _read("static-evidence.json")["subcategories"]}
    functions = tuple(
        Function(
            id=f["id"],
            title=f["title"],
            summary=f["summary"],
            categories=tuple(
                Category(
                    id=c["id"],
                    title=c["title"],
                    label=c["short_label"],
                    subcategories=tuple(
                        Subcategory(
                            id=s["id"],
                            text=s["text"],
                            label=s["short_label"],
                            function=f["id"],
                            category=c["id"],
                            evidence=evidence[s["id"]]["static_evidence"],
                            signals=evidence[s["id"]]["signals"],
                            reasoning=evidence[s["id"]]["reasoning"],
                        )
                        for s in c["subcategories"]
                    ),
                )
                for c in f["categories"]
            ),
        )
        for f in raw["functions"]
    )
    characteristics = tuple(
        Characteristic(id=c["id"], name=c["name"], section=c["section"], subcategory=c["measure_subcategory"])
        for c in raw["characteristics"]
    )
    return Core(raw["framework"], raw["document"], raw["doi"], functions, characteristics)

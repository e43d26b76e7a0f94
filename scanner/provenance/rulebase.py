"""The shape shared by the PROV completeness rules: run one check, report each gap."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import ClassVar

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.provenance.completeness import Gap
from scanner.provenance.graph import View
from scanner.pyrules import PythonRule


class CompletenessRule(PythonRule):
    """A rule whose whole logic is one check of scanner/provenance/completeness.py."""

    input_kinds = ("provenance",)
    gaps: ClassVar[Callable[[View], list[Gap]]]  # a rule whose check needs more overrides `check`
    check_id: ClassVar[str]  # provenance-notes §3 id, e.g. "C4"; carried on every finding
    level: ClassVar[int] = 1  # 1 = required ("complete"), 2 = recommended ("complete+")

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        return self.hits(type(self).gaps(View(doc.data)))

    def hits(self, gaps: Iterable[Gap]) -> Iterator[Hit]:
        for gap in gaps:
            # A gap about the whole record has no element to point at; its text is its identity.
            yield Hit(
                gap.message,
                address=gap.address,
                key=None if gap.address else gap.message,
                properties={"prov-check": self.check_id, "prov-level": self.level},
            )

"""The shared shape of the secrets rules: one rule per provider family, all fed by `hits.py`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.pyrules import PythonRule
from scanner.secrets.hits import secret_hits


class SecretRule(PythonRule):
    family: ClassVar[str]
    category = "secrets"
    nist_ai_rmf = ("MEASURE 2.7", "MEASURE 2.10")
    input_kinds = ("text", "terraform")

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        return [hit for family, hit in secret_hits(doc, ctx) if family == self.family]

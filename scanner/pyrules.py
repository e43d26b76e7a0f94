"""The contract of a Python rule: metadata as class attributes, `check` yields hits.

A rule file lists its rules explicitly in a module-level `RULES` list:

    class NoLatestImage(PythonRule):
        id = "MLC-K8S-001"
        title = "Container image is not pinned"
        ...
        input_kinds = ("yaml",)

        def check(self, doc, ctx):
            yield Hit("image uses :latest", pointer=("spec", "image"))

    RULES = [NoLatestImage]

A rule that cannot run because of its configuration (a bad rule option) raises RuleOptionError
with a message naming the option: a scan error of kind `engine`. Any other exception is a bug: a
scan error of kind `internal` naming the rule and the exception type, never its text; the other
rules and documents still run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit

METADATA_FIELDS = (
    "id",
    "title",
    "severity",
    "category",
    "nist_ai_rmf",
    "atlas",
    "atlas_none",
    "description",
    "remediation",
    "input_kinds",
    "aliases",
    "references",
    "checkov_ids",
    "deprecated",
    "profile",
)


class RuleOptionError(ValueError):
    """A rule's options (from the user's config, trusted) are wrong. Its text is reported, unlike
    any other exception of a rule's, so it must name the option and never quote a scanned file."""


class PythonRule:
    id: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[str]
    category: ClassVar[str]
    nist_ai_rmf: ClassVar[tuple[str, ...]]
    description: ClassVar[str]
    remediation: ClassVar[str]
    input_kinds: ClassVar[tuple[str, ...]]
    aliases: ClassVar[tuple[str, ...]] = ()
    references: ClassVar[tuple[str, ...]] = ()
    checkov_ids: ClassVar[tuple[str, ...]] = ()
    deprecated: ClassVar[bool] = False
    profile: ClassVar[str] = "default"
    atlas: ClassVar[tuple[str, ...]]  # MITRE ATLAS technique ids; or `atlas_none` with the reason
    atlas_none: ClassVar[str]

    @classmethod
    def raw_metadata(cls) -> dict[str, Any]:
        """The declared attributes, as the schema sees them (missing ones stay missing)."""
        out: dict[str, Any] = {}
        for name in METADATA_FIELDS:
            if hasattr(cls, name):
                value = getattr(cls, name)
                out[name] = list(value) if isinstance(value, (tuple, list)) else value
        return out

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        raise NotImplementedError

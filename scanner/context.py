"""What a rule may know beyond its own document: the listing, other documents, its options."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from scanner.documents import Document
from scanner.fingerprints import SecretKeys
from scanner.walk import FileEntry, Listing

T = TypeVar("T")

# The memo of the .tf files the secrets rules scanned (secrets.terraform), which the scan fills
# ahead of them (while tfparse works, and from the cache): one key for both.
TERRAFORM_SECRETS = "secrets.terraform.detected"


@dataclass(frozen=True)
class ScanContext:
    listing: Listing
    documents: Sequence[Document] = ()
    # Per-rule options from the user's config: {"MLC-DATA-001": {"max_mb": 50}}.
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # How this scan keys secrets into fingerprints (scanner.fingerprints), with its cache.
    secret_keys: SecretKeys = field(default_factory=SecretKeys, compare=False, repr=False)
    # What several rules (or one rule for many documents) derive from the whole scan, built once.
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def root(self) -> Path:
        return self.listing.root

    def option(self, rule_id: str, name: str, default: Any) -> Any:
        return self.rule_options.get(rule_id, {}).get(name, default)

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """`build()` once per scan under `key` (e.g. an index over every kustomization)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def documents_of(self, kind: str) -> list[Document]:
        """The documents of `kind`, in scan order; the index is built once per scan, since rules
        ask for every document they check."""

        def by_kind() -> dict[str, list[Document]]:
            out: dict[str, list[Document]] = {}
            for d in self.documents:
                out.setdefault(d.kind, []).append(d)
            return out

        return list(self.memo("context.documents_by_kind", by_kind).get(kind, ()))

    def file(self, rel: str) -> FileEntry | None:
        """The listed file at `rel` (the last one listed under that path), by an index built
        once per scan."""
        return self.memo("context.files_by_rel", lambda: {f.rel: f for f in self.listing.files}).get(rel)

    def is_tracked(self, rel: str) -> bool | None:
        """Whether git tracks `rel`; None when the root is not a git checkout."""
        tracked = self.listing.git_tracked
        return None if tracked is None else rel in tracked

"""Findings: immutable values built by one function from a rule's hit and its document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from scanner.documents import Document, Pointer, Span
from scanner.fingerprints import SecretKeys, fingerprint, fingerprint_v1, secret_key_v1
from scanner.metadata import RuleMeta
from scanner.secrets.redact import redact_text
from scanner.severity import SEVERITIES, rank


@dataclass(frozen=True)
class Hit:
    """What a rule reports. Location, most specific first: `address` (a Terraform address or
    other logical name the document records), `pointer` (an element of `data`), `line`."""

    message: str
    address: str | None = None
    pointer: Pointer | None = None
    line: int | None = None
    end_line: int | None = None
    path: str | None = None  # a file other than the document's own (e.g. a module's file)
    # Identity when there is no address: e.g. a field name or a digest. Never a line number.
    key: str | None = None
    # The raw value of a secret: keyed into the finding's identity (scanner.fingerprints), never
    # shown, never written; kept out of repr so that no traceback or log prints it.
    secret: str | None = field(default=None, repr=False)
    snippet: str | None = None  # must already be redacted by the rule when sensitive
    properties: Mapping[str, Any] = field(default_factory=dict)
    # Set by a rule that honours its own inline allow comment (e.g. `mlcomply:allow secrets why`).
    suppression: Suppression | None = None
    # A severity other than the rule's, for this one finding (e.g. a credential in a test
    # fixture, a PII column in a public benchmark). Never without `severity_reason`, which the
    # finding carries in its properties so the engineer sees why it is not the rule's severity.
    severity: str | None = None
    severity_reason: str | None = None
    # The root module (or other caller) a finding in a shared file was reached from: part of the
    # finding's identity, so each caller of one module gets its own finding and fingerprint.
    caller: str | None = None

    def __post_init__(self) -> None:
        if self.severity is not None:
            if self.severity not in SEVERITIES:
                raise ValueError(f"unknown severity {self.severity!r}")
            if not self.severity_reason:
                raise ValueError("a hit's own severity needs a severity_reason")


@dataclass(frozen=True)
class Suppression:
    kind: str  # inline | ignore-file | baseline | diff-base
    justification: str
    source: str = ""
    # Where the suppressing text sits in the scanned tree (a comment's lines, an ignore-file
    # entry's lines): what `filters.review.added_by_change` compares with the change.
    span: Span | None = None


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    category: str
    title: str
    message: str
    path: str
    start_line: int
    end_line: int
    fingerprint: str
    nist_ai_rmf: tuple[str, ...]
    address: str | None = None
    pointer: str | None = None  # "/"-joined element path in a YAML/JSON document
    snippet: str | None = None
    properties: tuple[tuple[str, Any], ...] = ()
    suppression: Suppression | None = None
    atlas: tuple[str, ...] = ()  # the rule's MITRE ATLAS techniques
    # The v1 fingerprint, in memory only: what a format-1 baseline holds (see scanner.fingerprints).
    fingerprint_v1: str | None = field(default=None, compare=False, repr=False)

    def sort_key(self) -> tuple[Any, ...]:
        return (-rank(self.severity), self.path, self.start_line, self.rule_id, self.fingerprint)

    def suppressed(self, suppression: Suppression) -> Finding:
        return replace(self, suppression=suppression)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity,
            "category": self.category,
            "title": self.title,
            "message": self.message,
            "path": self.path,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "address": self.address,
            "pointer": self.pointer,
            "snippet": self.snippet,
            "fingerprint": self.fingerprint,
            "nist_ai_rmf": list(self.nist_ai_rmf),
            "atlas": list(self.atlas),
            "properties": dict(self.properties),
            "suppression": None
            if self.suppression is None
            else {
                "kind": self.suppression.kind,
                "justification": self.suppression.justification,
                "source": self.suppression.source,
            },
        }


def make_finding(meta: RuleMeta, doc: Document, hit: Hit, keys: SecretKeys | None = None) -> Finding:
    """The one place a Finding is built: resolves the hit's location against the document.
    `keys`: how this scan keys secrets (default: scrypt); see scanner.fingerprints."""
    path, line, end_line = hit.path or doc.path, hit.line, hit.end_line
    span = None
    if hit.address is not None:
        span = doc.addresses.get(hit.address)
    if span is None and hit.pointer is not None:
        span = doc.span_of(hit.pointer)
    if span is not None and line is None:
        path, line, end_line = hit.path or span.path, span.line, span.end_line
    line = max(1, line or 1)
    end_line = max(line, end_line or line)

    if hit.address is not None:
        identity = identity_v1 = "address:" + hit.address
    elif hit.secret is not None:
        identity = "key:" + (keys or SecretKeys()).key(hit.secret, path)
        identity_v1 = "key:" + secret_key_v1(hit.secret)
    elif hit.key is not None:
        identity = identity_v1 = "key:" + hit.key
    elif hit.pointer is not None:
        identity = identity_v1 = "pointer:" + "/".join(str(p) for p in hit.pointer)
    else:
        # Whitespace-normalised text of the flagged line, so moving it keeps its identity; in v2
        # with its secrets redacted, so the fingerprint cannot confirm a guess of the line.
        text = " ".join(doc.line_text(line).split())
        identity = "line:" + redact_text(text) + "\0" + hit.message
        identity_v1 = "line:" + text + "\0" + hit.message
    if doc.index:
        identity, identity_v1 = f"doc{doc.index}:{identity}", f"doc{doc.index}:{identity_v1}"
    # Only v2 knows callers: a format-1 baseline was written before per-caller findings existed,
    # so its entry for a module finding must still match each caller's finding.
    if hit.caller is not None:
        identity = f"{identity}\0caller:{hit.caller}"
    properties = dict(hit.properties)
    if hit.severity is not None:
        properties["severity_reason"] = hit.severity_reason
        properties["rule_severity"] = meta.severity
    return Finding(
        rule_id=meta.id,
        severity=hit.severity or meta.severity,
        category=meta.category,
        title=meta.title,
        # A rule's message or snippet may quote the file: the last redaction before any output.
        message=redact_text(hit.message),
        path=path,
        start_line=line,
        end_line=end_line,
        fingerprint=fingerprint(meta.id, path, identity),
        fingerprint_v1=fingerprint_v1(meta.id, path, identity_v1),
        nist_ai_rmf=meta.nist_ai_rmf,
        atlas=meta.atlas,
        address=hit.address,
        pointer=None if hit.pointer is None else "/".join(str(p) for p in hit.pointer),
        snippet=None if hit.snippet is None else redact_text(hit.snippet),
        properties=tuple(sorted(properties.items())),
        suppression=hit.suppression,
    )

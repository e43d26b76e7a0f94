"""What an org worker sends back for one repository (kept light: pool workers import it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OK, ERROR, TIMEOUT = "ok", "error", "timeout"
READY = "ready"  # what a scan server says once it has loaded the rules


@dataclass(frozen=True)
class FindingRow:
    """What the history keeps of a finding: identity and where it is (no message or snippet)."""

    fingerprint: str
    rule_id: str
    severity: str
    path: str
    location: str  # Terraform address, document pointer, or line


@dataclass
class RepoOutcome:
    name: str
    status: str  # ok | error | timeout
    seconds: float
    error: str | None = None
    commit: str | None = None
    by_severity: dict[str, int] = field(default_factory=dict)
    rule_counts: dict[str, int] = field(default_factory=dict)
    nist: dict[str, str] = field(default_factory=dict)
    findings: list[FindingRow] = field(default_factory=list)
    results: bytes | None = None  # the zlib-compressed JSON results document
    inventory: dict[str, Any] | None = None  # scanner.inventory.summary: models, datasets, hash grades

    @classmethod
    def failed(cls, name: str, status: str, error: str, seconds: float) -> RepoOutcome:
        return cls(name=name, status=status, seconds=seconds, error=error)

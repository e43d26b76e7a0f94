"""Baselines: a versioned file of accepted findings' fingerprints and the settings that made them.

As detect-secrets' `.secrets.baseline`: a scan with `--baseline F` reports only findings whose
fingerprint is not in F. Fingerprints never contain line numbers, so moved code stays accepted.
No timestamp is written, so re-creating an unchanged baseline gives an identical file.

Format 2 holds v2 fingerprints (`mlcomply/v2`, see scanner.fingerprints) and records how secrets
were keyed (`fingerprint`, and `secret_fingerprints` in the settings). Format 1 held v1
fingerprints, whose secret part is a plain SHA-256 of the secret: a format-1 file is still
honoured (a scan computes each finding's v1 fingerprint beside v2, in memory only), with a note,
and `mlcomply baseline migrate F` rewrites it as format 2 from a scan of the tree.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner import __version__
from scanner.errors import FatalError
from scanner.findings import Finding, Suppression
from scanner.fingerprints import VERSION
from scanner.schema_errors import first_violation

FORMAT_VERSION = 2
V1_NOTE = (
    "format 1: its fingerprints (mlcomply/v1) hold a plain SHA-256 of each secret, which lets anyone "
    "confirm a guessed secret offline; it is still honoured, but run `mlcomply baseline migrate {path}` "
    "to rewrite it as format 2 (mlcomply/v2) and commit the result"
)

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "settings", "findings"],
    "properties": {
        "version": {"type": "integer", "minimum": 1},
        "generated_by": {"type": "string"},
        "fingerprint": {"type": "string"},
        "settings": {"type": "object"},
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["fingerprint", "rule_id", "path"],
                "properties": {"fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32}$"}},
            },
        },
    },
}


@dataclass(frozen=True)
class Baseline:
    source: str
    settings: dict[str, Any]
    fingerprints: frozenset[str]
    version: int = FORMAT_VERSION

    def accepts(self, finding: Finding) -> bool:
        if self.version == 1:
            return finding.fingerprint_v1 in self.fingerprints
        return finding.fingerprint in self.fingerprints


def to_dict(findings: Sequence[Finding], settings: dict[str, Any]) -> dict[str, Any]:
    """Active findings only: what an inline or ignore-file suppression covers needs no baseline."""
    return _document([f for f in findings if f.suppression is None], settings)


def migrated(findings: Sequence[Finding], settings: dict[str, Any]) -> dict[str, Any]:
    """Format 2 of a baseline that a scan with `--baseline OLD` applied: the findings it accepted,
    with their v2 fingerprints (the old file's v1 fingerprints are not carried over)."""
    return _document([f for f in findings if f.suppression is not None and f.suppression.kind == "baseline"], settings)


def _document(findings: Sequence[Finding], settings: dict[str, Any]) -> dict[str, Any]:
    rows = [
        {
            "fingerprint": f.fingerprint,
            "rule_id": f.rule_id,
            "severity": f.severity,
            "path": f.path,
            **({"address": f.address} if f.address else {}),
            **({"pointer": f.pointer} if f.pointer else {}),
        }
        for f in sorted(findings, key=lambda f: (f.path, f.rule_id, f.fingerprint))
    ]
    return {
        "version": FORMAT_VERSION,
        "generated_by": f"mlcomply {__version__}",
        "fingerprint": VERSION,
        "settings": settings,
        "findings": rows,
    }


def load(path: Path) -> Baseline:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FatalError(f"read baseline {path}: {exc.strerror}") from None
    return parse(text, str(path))


def parse(text: str, path: str) -> Baseline:
    """A baseline's text (read from disk, or from the merge base); `path` as shown in messages."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FatalError(f"read baseline {path}: line {exc.lineno}: not valid JSON: {exc.msg}") from None
    import jsonschema  # on use only: its import costs ~120 ms

    violation = first_violation(jsonschema.Draft202012Validator(SCHEMA), raw)
    if violation:
        raise FatalError(f"read baseline {path}: {violation[1]}")
    if raw["version"] > FORMAT_VERSION:
        raise FatalError(
            f"read baseline {path}: format version {raw['version']} is newer than this mlcomply "
            f"({__version__}) reads ({FORMAT_VERSION}); upgrade mlcomply"
        )
    return Baseline(str(path), raw["settings"], frozenset(r["fingerprint"] for r in raw["findings"]), raw["version"])


def settings_drift(baseline: Baseline, current: dict[str, Any], migrating: bool = False) -> list[str]:
    """Settings that differ from the baseline's: its absence of a finding may mean little.
    A format-1 baseline gets a note asking for its migration (unless it is being migrated)."""
    notes = []
    if baseline.version == 1 and not migrating:
        notes.append(f"baseline {baseline.source}: " + V1_NOTE.format(path=baseline.source))
    for key in sorted(set(baseline.settings) | set(current)):
        old, new = baseline.settings.get(key), current.get(key)
        if old == new or (key not in baseline.settings and baseline.version == 1):
            continue  # format 1 did not record how secrets were keyed
        if key == "rules" and isinstance(old, list) and isinstance(new, list):
            added = sorted(set(new) - set(old))
            if added:
                notes.append(f"baseline {baseline.source}: rules added since: {', '.join(added)}")
            continue
        notes.append(f"baseline {baseline.source}: setting {key} was {old!r}, now {new!r}")
    return notes


def apply(findings: Sequence[Finding], baseline: Baseline) -> list[Finding]:
    return [
        f.suppressed(Suppression("baseline", "accepted in the baseline", baseline.source))
        if f.suppression is None and baseline.accepts(f)
        else f
        for f in findings
    ]

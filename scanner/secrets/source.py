"""A text to scan for secrets and the hits built from its detections: shared by the per-document
scan (hits), the Terraform values scan and the history scan."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from scanner.documents import Span
from scanner.findings import Hit, Suppression
from scanner.secrets.allow import Allow, find_allow
from scanner.secrets.detect import Detection
from scanner.secrets.placement import DEMOTED, demotion_reason
from scanner.secrets.redact import line_bounds, line_starts, redact, snippet


@dataclass
class Source:
    """A text to scan and how its lines map to the file: identity, or a notebook cell's map."""

    text: str
    path: str
    tokens: tuple[str, ...]
    line_of: list[int] | None = None  # file line of each text line; None = the same line
    where: str = ""  # appended to messages, e.g. "in cell 3 output"
    properties: dict[str, Any] = field(default_factory=dict)

    def file_line(self, line: int) -> int:
        if self.line_of is None:
            return line
        return self.line_of[min(line, len(self.line_of)) - 1]


def build_hits(source: Source, detections: Iterable[Detection], address_of: Any = None) -> list[tuple[str, Hit]]:
    detections = list(detections)
    if not detections:
        return []
    text = source.text
    # Lines as the detector counts them (ended by "\n" only): `splitlines()` also splits at a
    # carriage return or form feed inside a value, and its line N would be another line.
    starts = line_starts(text)
    lines = text.split("\n")
    if "\r" in text:  # CRLF: an allow comment's reason ends before the "\r"
        lines = [line.rstrip("\r") for line in lines]
    on_line: dict[int, list[tuple[int, int]]] = {}
    for d in detections:
        for n in range(d.line, d.end_line + 1):
            on_line.setdefault(n, []).append((d.start, d.end))
    out = []
    # Per line, not per detection: a minified file can hold thousands of secrets on one line.
    allows: dict[int, Allow | None] = {}
    snippets: dict[int, str] = {}
    for d in detections:
        line = source.file_line(d.line)
        message = f"{d.name}: {redact(d.secret)}"
        if source.where:
            message += f" {source.where}"
        if d.line not in allows:
            allows[d.line] = find_allow(lines, d.line, source.tokens)
            snippets[d.line] = snippet(text, *line_bounds(text, starts, d.line), on_line[d.line])
        allow = allows[d.line]
        suppression = None
        if allow is not None and allow.reason:
            first = source.file_line(allow.line)
            span = Span(source.path, first, max(first, source.file_line(d.line)))  # the comment and the secret's line
            suppression = Suppression("inline", allow.reason, f"{source.path}:{first}", span)
        elif allow is not None:
            message += (
                f" (the mlcomply:allow comment on line {source.file_line(allow.line)} gives no reason, "
                "so it does not apply: write `mlcomply:allow secrets <why this is not a live secret>`)"
            )
        address = address_of(source.path, line) if address_of else None
        demoted = demotion_reason(source.path, d.family)
        hit = Hit(
            message=message,
            address=address,
            line=line,
            end_line=source.file_line(d.end_line),
            path=source.path,
            secret=d.secret,
            snippet=snippets[d.line],
            properties={"secret_type": d.type_id, "redacted": redact(d.secret), **source.properties},
            suppression=suppression,
            severity=DEMOTED if demoted else None,
            severity_reason=demoted,
        )
        out.append((d.family, hit))
    return out

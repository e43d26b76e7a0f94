"""`.mlcomply-ignore.yaml`: reviewed, repository-wide suppressions with a reason and an expiry.

version: 1
ignores:
  - rule: MLC-AWS-S3-002          # rule id or alias
    paths: ["infra/site/**"]      # optional, gitignore-style globs on repo-relative paths
    address: module.site.*        # optional, glob on the Terraform address
    reason: public website bucket, approved in SEC-123
    until: 2027-01-31             # optional; afterwards the findings fire again
"""

from __future__ import annotations

import datetime
import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanner.documents import LoadError, ScanError, Span
from scanner.errors import FatalError
from scanner.filters.suppress import expired, rule_names
from scanner.findings import Finding, Suppression
from scanner.metadata import RuleMeta
from scanner.schema_errors import first_violation
from scanner.walk import RefusedPath, open_in_root, open_named

if TYPE_CHECKING:
    import pathspec

DEFAULT_NAME = ".mlcomply-ignore.yaml"
FORMAT_VERSION = 1

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "ignores"],
    "properties": {
        "version": {"const": FORMAT_VERSION},
        "ignores": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["rule", "reason"],
                "properties": {
                    "rule": {"type": "string", "minLength": 1},
                    "paths": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
                    "address": {"type": "string", "minLength": 1},
                    "reason": {"type": "string", "pattern": r"\S"},
                    "until": {"type": "string", "format": "date"},
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Entry:
    rule: str
    reason: str
    line: int
    paths: pathspec.GitIgnoreSpec | None = None
    address: str | None = None
    until: datetime.date | None = None
    end_line: int = 0  # last line of the entry (0: same as `line`)
    patterns: tuple[str, ...] = ()  # `paths` as written

    def key(self) -> tuple[object, ...]:
        """What the entry says, wherever it sits in the file: two entries with the same key
        suppress the same findings."""
        return (self.rule, self.patterns, self.address, self.reason, self.until)

    def matches(self, f: Finding, names: dict[str, str]) -> bool:
        if names.get(self.rule) != f.rule_id:
            return False
        if self.paths is not None and not self.paths.match_file(f.path):
            return False
        return self.address is None or (f.address is not None and fnmatch.fnmatchcase(f.address, self.address))


@dataclass(frozen=True)
class IgnoreFile:
    source: str  # as shown in messages: the path given or found
    entries: tuple[Entry, ...]
    rel: str | None = None  # relative to the scan root, when the file is inside it


def load(path: Path, root: Path, shown: str | None = None, rel: str | None = None) -> IgnoreFile:
    """The ignore file at `path`; inside the scan `root` it is read through the guarded open."""
    shown = shown or str(path)
    try:
        with open_named(root, path) as fh:
            raw = fh.read()
    except OSError as exc:
        raise FatalError(f"read ignore file {shown}: {exc.strerror}") from None
    return parse(decode(raw, shown), shown, rel)


def decode(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FatalError(f"read ignore file {shown}: line {line}: invalid UTF-8") from None


def parse(text: str, shown: str, rel: str | None = None) -> IgnoreFile:
    """The entries of an ignore file's text (read from disk, or from the merge base)."""
    from scanner.loaders.yaml_file import documents_of_text  # YAML only for a repository with one

    text = text.removeprefix("\ufeff")
    try:
        docs = documents_of_text(shown, text)
    except LoadError as exc:
        where = f": line {exc.line}" if exc.line else ""
        raise FatalError(f"read ignore file {shown}{where}: {exc.message}") from None
    if not docs:
        raise FatalError(f"read ignore file {shown}: empty; expected `version: 1` and `ignores:`")
    doc = docs[0]
    # On use only: these imports cost ~120 ms and ~35 ms of every scan.
    import jsonschema
    import pathspec

    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    violation = first_violation(validator, doc.data)
    if violation:
        span = doc.span_of(violation[0])
        line = f": line {span.line}" if span else ""
        raise FatalError(f"read ignore file {shown}{line}: {violation[1]}")
    entries = []
    starts = [s.line if (s := doc.span_of(("ignores", i))) else 1 for i in range(len(doc.data["ignores"]))]
    for i, raw in enumerate(doc.data["ignores"]):
        span = doc.span_of(("ignores", i))
        # A YAML block's end mark sits on the next item's first line: an entry ends before it.
        end = span.end_line if span else 1
        if i + 1 < len(doc.data["ignores"]):
            end = min(end, max(starts[i], starts[i + 1] - 1))
        entries.append(
            Entry(
                rule=raw["rule"],
                reason=" ".join(raw["reason"].split()),
                line=span.line if span else 1,
                paths=pathspec.GitIgnoreSpec.from_lines(raw["paths"]) if "paths" in raw else None,
                address=raw.get("address"),
                until=datetime.date.fromisoformat(raw["until"]) if "until" in raw else None,
                end_line=end,
                patterns=tuple(raw.get("paths", ())),
            )
        )
    return IgnoreFile(shown, tuple(entries), rel)


def relative(root: Path, path: Path) -> str | None:
    absolute = path.absolute()
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else None


def find(root: Path, configured: Path | None, errors: list[ScanError]) -> IgnoreFile | None:
    """The named file (which must exist), else `.mlcomply-ignore.yaml` at the scan root if any.
    A found file that is a symbolic link is never followed: it is a `refused` scan error in
    `errors`, and no suppression comes from it."""
    if configured is not None:
        return load(configured, root, rel=relative(root, configured))
    try:
        with open_in_root(root, DEFAULT_NAME) as fh:
            raw = fh.read()
    except FileNotFoundError:
        return None
    except RefusedPath as exc:
        message = f"read ignore file: {exc.strerror}; no suppression taken from it"
        errors.append(ScanError(DEFAULT_NAME, message, kind="refused"))
        return None
    except OSError as exc:
        raise FatalError(f"read ignore file {DEFAULT_NAME}: {exc.strerror}") from None
    return parse(decode(raw, DEFAULT_NAME), DEFAULT_NAME, DEFAULT_NAME)


def apply(
    findings: Sequence[Finding],
    ignores: IgnoreFile,
    metas: Iterable[RuleMeta],
    today: datetime.date,
    notes: list[str],
) -> list[Finding]:
    names = rule_names(metas)
    for e in ignores.entries:
        if e.rule not in names:
            notes.append(f"{ignores.source}:{e.line}: unknown rule {e.rule}")
    used: set[int] = set()
    out = []
    for f in findings:
        entry = None
        if f.suppression is None:
            entry = next((e for e in ignores.entries if e.matches(f, names)), None)
        if entry is None:
            out.append(f)
            continue
        used.add(entry.line)
        source = f"{ignores.source}:{entry.line}"
        if entry.until is not None and entry.until < today:
            out.append(expired(f, entry.until, entry.reason, source))
        else:
            reason = entry.reason + (f" (until {entry.until.isoformat()})" if entry.until else "")
            span = Span(ignores.rel, entry.line, entry.end_line or entry.line) if ignores.rel else None
            out.append(f.suppressed(Suppression("ignore-file", reason, source, span)))
    for e in ignores.entries:
        if e.line not in used and e.rule in names:
            notes.append(f"{ignores.source}:{e.line}: entry for {e.rule} matched no finding")
    return out

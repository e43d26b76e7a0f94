"""Inline suppressions: `mlcomply:ignore RULE-ID[,RULE-ID] [until=YYYY-MM-DD] reason` in a comment.

A directive covers the line it sits on, or (alone on its line) the next code line; a finding is
covered when that line falls inside the finding, the Terraform resource it is about, or starts
a YAML/JSON block above it. Directives are read from comments only, in each format's syntax.
"""

from __future__ import annotations

import datetime
import io
import re
import tokenize
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from scanner.documents import Document, Span
from scanner.findings import Finding, Suppression
from scanner.metadata import RuleMeta
from scanner.walk import open_in_root

# Comment openers per file suffix; files not listed use "#" (shell, Dockerfile, TOML, INI...).
_HCL = ("#", "//", "/*")
COMMENT_OPENERS: Mapping[str, tuple[str, ...]] = {
    ".tf": _HCL,
    ".tfvars": _HCL,
    ".hcl": _HCL,
    ".yaml": ("#",),
    ".yml": ("#",),
    ".py": ("#",),
    ".md": ("<!--",),
    ".markdown": ("<!--",),
    ".json": (),  # JSON has no comments
}
_CLOSERS = re.compile(r"\s*(?:\*/|-->)\s*$")
_BODY = re.compile(r"mlcomply:ignore(?P<body>(?:\s.*)?)$")
_RULE_LIST = re.compile(r"\s*(?P<rules>[A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)")
_UNTIL = re.compile(r"(?:^|\s)until=(?P<date>\S+)")


@dataclass(frozen=True)
class Directive:
    path: str
    line: int  # where the comment is
    target: int  # the code line it is about
    rules: tuple[str, ...]
    reason: str
    until: datetime.date | None


@dataclass(frozen=True)
class Policy:
    """Config switches: `inline_ignores: allow|forbid`, `require_reason: true`."""

    allow_inline: bool = True
    require_reason: bool = False


def _openers(path: str) -> tuple[str, ...]:
    return COMMENT_OPENERS.get(PurePosixPath(path).suffix.lower(), ("#",))


def _comments(path: str, text: str) -> Iterable[tuple[int, int, str]]:
    """(line, column, comment text) of every comment that mentions a directive."""
    if "mlcomply:ignore" not in text:
        return  # most files: no need to tokenize (pure-Python tokenize takes ~10 s per MB)
    if path.endswith(".py"):
        # Only the directive comments are kept: a list of every token held 1.5 million of them
        # for one 3 MB line of `- - -`, past 2 GiB.
        found: list[tuple[int, int, str]] | None = []
        try:
            for tok in tokenize.generate_tokens(io.StringIO(text).readline):
                if tok.type == tokenize.COMMENT and "mlcomply:ignore" in tok.string:
                    found.append((tok.start[0], tok.start[1], tok.string[1:]))
        except (tokenize.TokenError, SyntaxError):
            found = None  # not valid Python: fall back to the line scan below
        if found is not None:
            yield from found
            return
    openers = _openers(path)
    if not openers:
        return
    pattern = re.compile("(" + "|".join(re.escape(o) for o in openers) + r")\s*(?=mlcomply:ignore)")
    for number, line in enumerate(text.splitlines(), 1):
        match = pattern.search(line)
        if match:
            yield number, match.start(), _CLOSERS.sub("", line[match.end() :])


def _is_comment_or_blank(line: str, openers: tuple[str, ...]) -> bool:
    stripped = line.strip()
    # "*" continues a /* */ block comment; only HCL has those.
    return not stripped or stripped.startswith(openers) or ("/*" in openers and stripped.startswith("*"))


def parse(path: str, text: str, notes: list[str]) -> list[Directive]:
    """Directives in one file; malformed ones become notes and are not honoured."""
    lines = text.splitlines()
    openers = _openers(path) or ("#",)
    out = []
    for number, column, comment in _comments(path, text):
        match = _BODY.search(comment)
        if match is None:
            continue
        body = match.group("body")
        rules_match = _RULE_LIST.match(body)
        if rules_match is None:
            notes.append(f"{path}:{number}: mlcomply:ignore names no rule id; not honoured")
            continue
        rest = body[rules_match.end() :]
        until = None
        until_match = _UNTIL.search(rest)
        if until_match:
            try:
                until = datetime.date.fromisoformat(until_match.group("date"))
            except ValueError:
                notes.append(
                    f"{path}:{number}: mlcomply:ignore until={until_match.group('date')}: "
                    "not a YYYY-MM-DD date; not honoured"
                )
                continue
            rest = rest[: until_match.start()] + rest[until_match.end() :]
        target = number
        if not lines[number - 1][:column].strip():  # alone on its line: about the next code line
            target = next(
                (i for i in range(number + 1, len(lines) + 1) if not _is_comment_or_blank(lines[i - 1], openers)),
                number,
            )
        rules = tuple(r.strip() for r in rules_match.group("rules").split(","))
        out.append(Directive(path, number, target, rules, " ".join(rest.split()), until))
    return out


def _spans(finding: Finding, docs: Sequence[Document]) -> tuple[list[Span], list[Span]]:
    """(spans a directive may sit inside, block spans a directive may sit on top of)."""
    inside = [Span(finding.path, finding.start_line, finding.end_line)]
    headers: list[Span] = []
    for doc in docs:
        if finding.address is not None and finding.address in doc.addresses:
            span = doc.addresses[finding.address]
            if span.path == finding.path:
                inside.append(span)
        if finding.pointer is not None and doc.path == finding.path:
            parts = finding.pointer.split("/")
            headers += [s for i in range(1, len(parts)) if (s := doc.spans.get("/".join(parts[:i])))]
    return inside, headers


def covers(d: Directive, inside: Sequence[Span], headers: Sequence[Span]) -> bool:
    return any(s.line <= n <= s.end_line for s in inside for n in (d.line, d.target)) or any(
        s.line == d.target for s in headers
    )


def rule_names(metas: Iterable[RuleMeta]) -> dict[str, str]:
    """Every accepted name (id or alias) -> the rule id, so renamed rules keep their ignores."""
    return {name: m.id for m in metas for name in (m.id, *m.aliases)}


def apply(
    findings: Sequence[Finding],
    root: Path,
    docs: Sequence[Document],
    metas: Iterable[RuleMeta],
    policy: Policy,
    today: datetime.date,
    notes: list[str],
) -> list[Finding]:
    names = rule_names(metas)
    by_path: dict[str, list[Directive]] = {}
    for path in sorted({f.path for f in findings if f.suppression is None}):
        try:
            with open_in_root(root, path) as fh:  # a finding's file, read again: still guarded
                text = fh.read().decode("utf-8-sig", errors="replace")
            directives = parse(path, text, notes)
        except OSError:
            continue
        except Exception as exc:  # one file's directives are lost, never the filter stage
            notes.append(f"{path}: inline ignores not read: internal error ({type(exc).__name__}); please report it")
            continue
        if directives and not policy.allow_inline:
            notes.append(f"{path}: inline ignores are forbidden by the config (inline_ignores: forbid)")
            continue
        for d in directives:
            unknown = [r for r in d.rules if r not in names]
            if unknown:
                notes.append(f"{path}:{d.line}: mlcomply:ignore names unknown rule(s) {', '.join(unknown)}")
            if policy.require_reason and not d.reason:
                notes.append(f"{path}:{d.line}: mlcomply:ignore has no reason (require_reason); not honoured")
        by_path[path] = [d for d in directives if d.reason or not policy.require_reason]

    out = []
    for f in findings:
        directive = None
        if f.suppression is None and by_path.get(f.path):
            inside, headers = _spans(f, docs)
            directive = next(
                (
                    d
                    for d in by_path[f.path]
                    if f.rule_id in {names.get(r) for r in d.rules} and covers(d, inside, headers)
                ),
                None,
            )
        if directive is None:
            out.append(f)
        elif directive.until is not None and directive.until < today:
            out.append(expired(f, directive.until, directive.reason, f"{f.path}:{directive.line}"))
        else:
            reason = directive.reason or "(no reason given)"
            if directive.until is not None:
                reason += f" (until {directive.until.isoformat()})"
            # The span runs from the comment to the line it is about: editing either is a new suppression.
            span = Span(f.path, min(directive.line, directive.target), max(directive.line, directive.target))
            out.append(f.suppressed(Suppression("inline", reason, f"{f.path}:{directive.line}", span)))
    return out


def expired(f: Finding, until: datetime.date, reason: str, source: str) -> Finding:
    """The finding fires again, and says which suppression lapsed."""
    note = f" [suppression at {source} expired on {until.isoformat()}" + (f": {reason}]" if reason else "]")
    props = (*f.properties, ("suppression-expired", f"{source} until {until.isoformat()}"))
    return replace(f, message=f.message + note, properties=tuple(sorted(props)))

"""Inline suppressions: `mlcomply:ignore RULE-ID[,RULE-ID] [until=YYYY-MM-DD] reason` in a comment.

A directive covers the line it sits on, or (alone on its line) the next code line; a finding is
covered when that line falls inside the finding, the Terraform resource it is about, or starts
a YAML/JSON block above it. Directives are read from comments only, in each format's syntax.

Files are streamed a bounded piece of a line at a time, never read whole (a finding on a 1 GB
model file must not cost 1 GB), and binary files are not read past their first 8 KiB: they
have no comments to honour.
"""

from __future__ import annotations

import datetime
import io
import re
import tokenize
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO

from scanner.documents import Document, Span
from scanner.findings import Finding, Suppression
from scanner.metadata import RuleMeta
from scanner.walk import BINARY_SNIFF_BYTES, open_in_root

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


# A line longer than this is read in pieces of this many characters (memory stays bounded; a
# directive cut in two by a piece boundary is not seen).
MAX_PIECE = 1 << 20
# (line number, text without its line break, whether the text starts its line)
Lines = Callable[[], Iterator[tuple[int, str, bool]]]


def _pieces(fh: IO[str]) -> Iterator[tuple[int, str, bool]]:
    number, starts = 1, True
    while piece := fh.readline(MAX_PIECE):
        ends = piece.endswith("\n")
        yield number, piece.rstrip("\r\n"), starts
        number, starts = (number + 1, True) if ends else (number, False)


def _text_lines(text: str) -> Lines:
    return lambda: ((n, line, True) for n, line in enumerate(text.splitlines(), 1))


def _comments(
    path: str, lines: Lines, readline: Callable[[], str] | None = None
) -> Iterable[tuple[int, int, str, bool]]:
    """(line, column, comment text, alone on its line) of every comment that mentions a directive."""
    found = [(n, line, starts) for n, line, starts in lines() if "mlcomply:ignore" in line]
    if not found:
        return
    if path.endswith(".py") and readline is not None:
        try:
            tokens = [
                t
                for t in tokenize.generate_tokens(readline)
                if t.type == tokenize.COMMENT and "mlcomply:ignore" in t.string
            ]
        except (tokenize.TokenError, SyntaxError):
            tokens = None  # not valid Python: fall back to the line scan below
        if tokens is not None:
            for tok in tokens:
                yield tok.start[0], tok.start[1], tok.string[1:], not tok.line[: tok.start[1]].strip()
            return
    openers = _openers(path)
    if not openers:
        return
    pattern = re.compile("(" + "|".join(re.escape(o) for o in openers) + r")\s*(?=mlcomply:ignore)")
    for number, line, starts in found:
        match = pattern.search(line)
        if match:
            alone = starts and not line[: match.start()].strip()
            yield number, match.start(), _CLOSERS.sub("", line[match.end() :]), alone


def _is_comment_or_blank(line: str, openers: tuple[str, ...]) -> bool:
    stripped = line.strip()
    # "*" continues a /* */ block comment; only HCL has those.
    return not stripped or stripped.startswith(openers) or ("/*" in openers and stripped.startswith("*"))


def parse(path: str, text: str, notes: list[str]) -> list[Directive]:
    """Directives in one file; malformed ones become notes and are not honoured."""
    readline = iter(text.splitlines(keepends=True)).__next__
    return parse_lines(path, _text_lines(text), notes, lambda: _next_or_empty(readline))


def _next_or_empty(readline: Callable[[], str]) -> str:
    try:
        return readline()
    except StopIteration:
        return ""


def parse_lines(
    path: str, lines: Lines, notes: list[str], readline: Callable[[], str] | None = None
) -> list[Directive]:
    """Directives in a file given as a re-startable stream of lines (and, for Python, a
    readline for the tokenizer); malformed ones become notes and are not honoured."""
    openers = _openers(path) or ("#",)
    out = []
    alone_at: list[int] = []
    for number, _column, comment, alone in _comments(path, lines, readline):
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
        if alone:  # alone on its line: about the next code line, found below
            alone_at.append(number)
        rules = tuple(r.strip() for r in rules_match.group("rules").split(","))
        out.append(Directive(path, number, number, rules, " ".join(rest.split()), until))
    targets = _next_code_lines(lines, sorted(set(alone_at)), openers)
    return [replace(d, target=targets.get(d.line, d.line)) if d.line in targets else d for d in out]


def _next_code_lines(lines: Lines, numbers: list[int], openers: tuple[str, ...]) -> dict[int, int]:
    """For each line number, the first later line that is not a comment or blank (one more
    pass over the file, only for files with such directives)."""
    out: dict[int, int] = {}
    if not numbers:
        return out
    pending: list[int] = []
    todo = iter(numbers)
    upcoming = next(todo, None)
    for number, line, starts in lines():
        if pending and starts and number > pending[-1] and not _is_comment_or_blank(line, openers):
            out.update((p, number) for p in pending)
            pending = []
        while upcoming is not None and number == upcoming:
            pending.append(upcoming)
            upcoming = next(todo, None)
        if upcoming is None and not pending:
            break
    return out


_DIRECTIVE = b"mlcomply:ignore"


def _mentions_directive(fh: IO[bytes]) -> bool:
    """Whether the file's bytes hold a directive's keyword anywhere (read in pieces from the
    start). Decoding keeps every ASCII byte as it is, so a file without it has no directive: most
    files are then not read line by line at all."""
    fh.seek(0)
    tail = b""
    while chunk := fh.read(MAX_PIECE):
        window = tail + chunk  # with the end of what came before: a keyword cut by the read
        if _DIRECTIVE in window:
            return True
        tail = window[-(len(_DIRECTIVE) - 1) :]
    return False


def _read(root: Path, path: str, notes: list[str]) -> list[Directive]:
    """The directives of one file, streamed; none for a binary file (a NUL in its first 8 KiB,
    as the walk decides)."""

    def opened() -> IO[str]:
        return io.TextIOWrapper(open_in_root(root, path), encoding="utf-8-sig", errors="replace")

    with open_in_root(root, path) as fh:
        if b"\0" in fh.read(BINARY_SNIFF_BYTES) or not _mentions_directive(fh):
            return []

    def lines() -> Iterator[tuple[int, str, bool]]:
        with opened() as fh:
            yield from _pieces(fh)

    if not path.endswith(".py"):
        return parse_lines(path, lines, notes)
    with opened() as source:
        return parse_lines(path, lines, notes, lambda: source.readline(MAX_PIECE))


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
            directives = _read(root, path, notes)
        except (OSError, UnicodeError):
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

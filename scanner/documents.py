"""What loaders produce and rules consume."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from scanner.secrets.redact import redact_text

# A JSON pointer-like path into `Document.data`, e.g. ("jobs", "build", "steps", 0).
Pointer = tuple[str | int, ...]


@dataclass(frozen=True)
class Span:
    """Where an element of a document sits in a source file (1-based, inclusive)."""

    path: str
    line: int
    end_line: int


@dataclass(frozen=True, eq=False)
class Document:
    """One unit rules evaluate: a file, or a Terraform root module (a directory).

    `data` is JSON-compatible and becomes the Rego `input.content`. `spans` maps a pointer
    (joined with "/") to its source span so a rule can point at an element instead of a line;
    `addresses` does the same for Terraform addresses and other logical names.
    """

    kind: str
    path: str
    data: Any
    text: str | None = None
    spans: Mapping[str, Span] = field(default_factory=dict)
    addresses: Mapping[str, Span] = field(default_factory=dict)
    index: int = 0  # the n-th document of a multi-document file (YAML `---`)

    def span_of(self, pointer: Pointer) -> Span | None:
        """The closest recorded span at or above `pointer`."""
        parts = [str(p) for p in pointer]
        while parts:
            span = self.spans.get("/".join(parts))
            if span is not None:
                return span
            parts.pop()
        return self.spans.get("")

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines() if self.text is not None else []

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""


@dataclass(frozen=True)
class ErrorKind:
    name: str
    level: str  # SARIF notification level: error | warning | note
    meaning: str


# The closed list of scan error kinds (README "Scan errors"). None changes the exit code except on
# a file a diff or --files-only scan reports on, or under --strict; a note never does.
ERROR_KINDS: dict[str, ErrorKind] = {
    k.name: k
    for k in (
        ErrorKind("parse", "error", "the file is malformed and could not be parsed"),
        ErrorKind("skipped", "note", "the file could not be read (permissions, not a regular file)"),
        ErrorKind("limit", "warning", "a budget was hit (size, depth, time, opcodes): analysed in part or not at all"),
        ErrorKind("refused", "error", "reading it would follow a symbolic link or leave the scan root"),
        ErrorKind("internal", "error", "mlcomply failed on this file or rule: a bug, please report it"),
        ErrorKind("engine", "error", "a policy engine could not evaluate a rule"),
        ErrorKind("note", "note", "information about the scan, e.g. a registry module that was not read"),
    )
}


@dataclass(frozen=True)
class ScanError:
    """A file or policy that could not be processed. Reported, never fatal for other files."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    kind: str = "parse"  # one of ERROR_KINDS

    def __post_init__(self) -> None:
        if self.kind not in ERROR_KINDS:
            raise ValueError(f"unknown scan error kind {self.kind!r}")
        # Every scan error passes here on its way to SARIF, JSON, the console and the org
        # history: a parser's snippet or a URL it quotes loses its secrets once, for all of them.
        object.__setattr__(self, "message", redact_text(self.message))

    @property
    def level(self) -> str:
        return ERROR_KINDS[self.kind].level

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "kind": self.kind,
            "message": self.message,
        }


def internal_error(path: str, exc: BaseException, rule: str | None = None) -> ScanError:
    """An unexpected exception as a scan error: its type only, never its text, which may quote
    the file (a secret included)."""
    where = f" in rule {rule}" if rule else ""
    return ScanError(
        path, f"internal error{where} ({type(exc).__name__}); please report it to mlcomply", kind="internal"
    )


class LoadError(Exception):
    """Raised by a loader for malformed input; carries a line and column when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        message = redact_text(message)  # a parser's message may quote the file (see ScanError)
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

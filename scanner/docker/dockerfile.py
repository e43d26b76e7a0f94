"""Dockerfile syntax: instructions with their lines, stages, global ARGs, heredocs.

Our own parser, not `dockerfile-parse` (2.0.1, the maintained PyPI library): it does not know
BuildKit heredocs, so the body of `RUN <<EOF ... EOF` comes back as instructions of its own (a
`USER root` line in a script would read as the image's user), and it does not read the
`# escape=` directive. What a rule needs is small: BuildKit's line model (directives, comments,
continuations, heredocs), each instruction's flags and arguments, and stages. Malformed input is
a LoadError naming the line, as `docker build` would refuse it; no file content is quoted.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from scanner.documents import LoadError

INSTRUCTIONS = frozenset(
    {"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL"}
    | {"MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}
)
# Instructions whose arguments may open heredocs (BuildKit, `# syntax=docker/dockerfile:1.4`+).
_HEREDOC_INSTRUCTIONS = frozenset({"RUN", "COPY", "ADD"})
_HEREDOC = re.compile(r"<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")
_DIRECTIVE = re.compile(r"^#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$")
_FLAG = re.compile(r"--([a-z][a-z-]*)(?:=(\S*))?")
_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")
NAMES_SHOWN = "FROM, RUN, COPY, ... (the Dockerfile reference)"


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper case
    value: str  # the arguments, continuations joined with a space, flags included
    line: int
    end_line: int  # the last line, heredoc bodies included
    heredocs: tuple[str, ...] = ()

    @property
    def flags(self) -> dict[str, str]:
        """Leading `--name=value` options (`COPY --from=build`, `ADD --checksum=...`)."""
        out: dict[str, str] = {}
        for word in self.value.split():
            m = _FLAG.fullmatch(word)
            if m is None:
                break
            out[m.group(1)] = m.group(2) or ""
        return out

    @property
    def arguments(self) -> list[str]:
        """The words after the flags: JSON form (`["a", "b"]`) or shell-like words."""
        words = self.value.split()
        rest = " ".join(words[len(self.flags) :])
        if rest.startswith("["):
            try:
                parsed = json.loads(rest)
                if isinstance(parsed, list) and all(isinstance(p, str) for p in parsed):
                    return parsed
            except ValueError:
                pass  # not JSON: Docker runs it as a shell string
        try:
            return shlex.split(rest, posix=True)
        except ValueError:
            return rest.split()

    @property
    def script(self) -> str:
        """What a RUN (or CMD/ENTRYPOINT) runs: its line and its heredoc bodies."""
        return "\n".join((self.value, *self.heredocs))


@dataclass
class Stage:
    index: int
    base: str  # as written, e.g. `${BASE}` or `python:3.11-slim`
    name: str | None
    line: int
    instructions: list[Instruction] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name or str(self.index)


@dataclass
class Dockerfile:
    args: dict[str, str | None]  # ARGs before the first FROM, with their defaults
    stages: list[Stage]

    def resolve(self, text: str) -> str | None:
        """`text` with global ARG defaults substituted; None when one has no value here (it
        comes from `--build-arg` at build time: unknown)."""
        unknown = False

        def sub(m: re.Match[str]) -> str:
            nonlocal unknown
            name = m.group(1) or m.group(4)
            value = self.args.get(name)
            if m.group(2) in (":-", "-") and not value:
                return m.group(3)
            if m.group(2) in (":+", "+"):
                return m.group(3) if value else ""
            if value is None:
                unknown = True
                return ""
            return value

        out = _VAR.sub(sub, text)
        return None if unknown else out

    def stage_named(self, name: str, before: int) -> Stage | None:
        """An earlier stage called `name` (stage names are case-insensitive), or by index."""
        for stage in self.stages[:before]:
            if (stage.name or "").lower() == name.lower() or str(stage.index) == name:
                return stage
        return None


def _logical_lines(text: str) -> list[tuple[int, int, str, list[str]]]:
    """(first line, last line, joined text, heredoc bodies) per instruction. Comment lines and
    blank lines inside a continuation are dropped, as BuildKit does."""
    lines = text.split("\n")
    escape = "\\"
    # Parser directives: only at the very top, before any other comment, blank line or instruction.
    for raw in lines:
        m = _DIRECTIVE.match(raw.strip())
        if m is None:
            break
        if m.group(1).lower() == "escape":
            if m.group(2) not in ("\\", "`"):
                raise LoadError("parse dockerfile: the escape directive must be \\ or `", line=lines.index(raw) + 1)
            escape = m.group(2)
    out: list[tuple[int, int, str, list[str]]] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            i += 1
            continue
        first = i
        parts: list[str] = []
        while True:
            body = lines[i].rstrip().rstrip("\r").rstrip()
            continued = body.endswith(escape)
            parts.append(body[:-1] if continued else body)
            i += 1
            if not continued:
                break
            while i < len(lines) and (not lines[i].strip() or lines[i].strip().startswith("#")):
                i += 1
            if i >= len(lines):
                break
        joined = " ".join(p.strip() for p in parts)
        last = i  # 1-based number of the last line read
        bodies: list[str] = []
        keyword = joined.split(None, 1)[0].upper()
        if keyword in _HEREDOC_INSTRUCTIONS:
            for m in _HEREDOC.finditer(joined):
                strip_tabs, delimiter = m.group(1) == "-", m.group(3)
                start, body_lines = i, []
                while i < len(lines):
                    candidate = lines[i].rstrip("\r")
                    if (candidate.lstrip("\t") if strip_tabs else candidate) == delimiter:
                        break
                    body_lines.append(candidate)
                    i += 1
                else:
                    raise LoadError("parse dockerfile: heredoc is never closed by its delimiter line", line=start)
                i += 1
                last = i
                bodies.append("\n".join(body_lines))
        out.append((first + 1, last, joined, bodies))
    return out


def _unquote(word: str) -> str:
    """A FROM image with its shell quotes removed: BuildKit reads the base name through its shell
    word processor, so `FROM "ubuntu:22.04"` pulls ubuntu:22.04 (kept quoted, a digest or
    `scratch` in quotes was not recognised). Variables are left for `Dockerfile.resolve`."""
    if not any(q in word for q in "\"'"):
        return word
    try:
        parts = shlex.split(word, posix=True)
    except ValueError:
        return word  # an unbalanced quote: keep what the file says
    return parts[0] if len(parts) == 1 else word


def parse(text: str) -> Dockerfile:
    """The Dockerfile in `text`; LoadError (with the line) when docker would refuse it."""
    args: dict[str, str | None] = {}
    stages: list[Stage] = []
    for line, end_line, joined, bodies in _logical_lines(text):
        word, _, value = joined.partition(" ")
        keyword = word.upper()
        value = value.strip()
        if keyword not in INSTRUCTIONS:
            raise LoadError(f"parse dockerfile: unknown instruction (expected one of {NAMES_SHOWN})", line=line)
        if keyword == "FROM":
            words = [w for w in value.split() if not w.startswith("--")]  # --platform=...
            if not words or len(words) not in (1, 3) or (len(words) == 3 and words[1].lower() != "as"):
                raise LoadError("parse dockerfile: FROM takes an image and an optional `AS name`", line=line)
            stages.append(Stage(len(stages), _unquote(words[0]), words[2] if len(words) == 3 else None, line))
            continue
        instruction = Instruction(keyword, value, line, end_line, tuple(bodies))
        if not stages:
            if keyword != "ARG":
                raise LoadError("parse dockerfile: only ARG may come before the first FROM", line=line)
            for word in instruction.arguments:
                name, eq, default = word.partition("=")
                args[name] = default if eq else None
            continue
        stages[-1].instructions.append(instruction)
    if not stages and args:
        raise LoadError("parse dockerfile: no FROM instruction", line=1)
    # No instruction at all (an empty or comments-only placeholder): nothing to build or judge;
    # docker would refuse to build it, but it is not malformed, and its comments are still read.
    return Dockerfile(args, stages)


def to_data(df: Dockerfile) -> dict[str, object]:
    """The JSON view rules and Rego policies see (`input.content`)."""
    return {
        "args": dict(df.args),
        "stages": [
            {
                "index": s.index,
                "base": s.base,
                "name": s.name,
                "line": s.line,
                "instructions": [
                    {
                        "instruction": i.keyword,
                        "value": i.value,
                        "flags": i.flags,
                        "line": i.line,
                        "end_line": i.end_line,
                        "heredocs": list(i.heredocs),
                    }
                    for i in s.instructions
                ],
            }
            for s in df.stages
        ],
    }


def from_data(data: dict[str, Any]) -> Dockerfile:
    """The model back from a document's `data` (what `to_data` made)."""
    stages = [
        Stage(
            s["index"],
            s["base"],
            s["name"],
            s["line"],
            [
                Instruction(i["instruction"], i["value"], i["line"], i["end_line"], tuple(i["heredocs"]))
                for i in s["instructions"]
            ],
        )
        for s in data["stages"]
    ]
    return Dockerfile(dict(data["args"]), stages)

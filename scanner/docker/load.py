"""Dockerfiles (`Dockerfile`, `Dockerfile.gpu`, `serve.Dockerfile`, `Containerfile`): parsed into
stages and instructions, with the source text kept so the secrets detector reads it once."""

from __future__ import annotations

from pathlib import PurePosixPath

from scanner.docker.dockerfile import parse, to_data
from scanner.documents import Document, Span
from scanner.loaders.text import read_text
from scanner.walk import FileEntry

# `Dockerfile.<variant>` is any suffix (`.gpu`, `.arm64`, `.conformance`), but not a file type:
# `Dockerfile.j2` and friends are templates for a generator (not Dockerfiles until rendered),
# `dockerfile.py` is code that writes one, `Dockerfile.dockerignore` is the ignore file.
_NOT_DOCKERFILE_SUFFIXES = frozenset(
    {".dockerignore", ".j2", ".jinja", ".jinja2", ".tmpl", ".tpl", ".template", ".in", ".erb", ".mustache"}
    | {".md", ".rst", ".txt", ".html", ".py", ".pyc", ".go", ".js", ".ts", ".rs", ".java", ".rb", ".sh"}
    | {".yaml", ".yml", ".json", ".toml", ".cfg", ".ini", ".lock", ".bak", ".orig", ".swp", ".patch", ".diff"}
)
_NAMES = ("dockerfile", "containerfile")


def is_dockerfile(path: PurePosixPath) -> bool:
    name = path.name.lower()
    if name in _NAMES or name.endswith(".dockerfile") or name.endswith(".containerfile"):
        return True
    stem, dot, _ = name.partition(".")
    return bool(dot) and stem in _NAMES and path.suffix.lower() not in _NOT_DOCKERFILE_SUFFIXES


def load(entry: FileEntry) -> list[Document]:
    text = read_text(entry)
    dockerfile = parse(text)
    spans: dict[str, Span] = {"": Span(entry.rel, 1, max(1, text.count("\n")))}
    for stage in dockerfile.stages:
        spans[f"stages/{stage.index}"] = Span(entry.rel, stage.line, stage.line)
        for j, ins in enumerate(stage.instructions):
            spans[f"stages/{stage.index}/instructions/{j}"] = Span(entry.rel, ins.line, ins.end_line)
    return [Document(kind="dockerfile", path=entry.rel, data=to_data(dockerfile), text=text, spans=spans)]

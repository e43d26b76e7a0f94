"""Dockerfiles (`Dockerfile`, `Dockerfile.gpu`, `serve.Dockerfile`, `Containerfile`): parsed into
stages and instructions, with the source text kept so the secrets detector reads it once."""

from __future__ import annotations

from scanner.docker.dockerfile import parse, to_data
from scanner.documents import Document, Span
from scanner.loaders.text import read_text
from scanner.walk import FileEntry


def load(entry: FileEntry) -> list[Document]:
    text = read_text(entry)
    dockerfile = parse(text)
    spans: dict[str, Span] = {"": Span(entry.rel, 1, max(1, text.count("\n")))}
    for stage in dockerfile.stages:
        spans[f"stages/{stage.index}"] = Span(entry.rel, stage.line, stage.line)
        for j, ins in enumerate(stage.instructions):
            spans[f"stages/{stage.index}/instructions/{j}"] = Span(entry.rel, ins.line, ins.end_line)
    return [Document(kind="dockerfile", path=entry.rel, data=to_data(dockerfile), text=text, spans=spans)]

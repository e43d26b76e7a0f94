"""Secrets in a Dockerfile: the one detector over its text (which reads `ENV NAME value` lines
itself, assignments.py), each finding naming the instruction: `(in ENV of stage build)`."""

from __future__ import annotations

from scanner.docker.dockerfile import from_data
from scanner.documents import Document
from scanner.findings import Hit
from scanner.secrets.allow import comment_tokens
from scanner.secrets.detect import Detection, detect
from scanner.secrets.source import Source, build_hits


def dockerfile_hits(doc: Document) -> list[tuple[str, Hit]]:
    if doc.text is None:
        return []
    located = [(stage, ins) for stage in from_data(doc.data).stages for ins in stage.instructions]

    def where(line: int) -> str:
        for stage, ins in located:
            if ins.line <= line <= ins.end_line:
                return f"(in {ins.keyword} of stage {stage.label})"
        return ""  # a comment or a FROM line

    groups: dict[str, list[Detection]] = {}
    for d in detect(doc.text, doc.path):
        groups.setdefault(where(d.line), []).append(d)
    tokens = comment_tokens(doc.path)
    out: list[tuple[str, Hit]] = []
    for label, detections in groups.items():
        out.extend(build_hits(Source(doc.text, doc.path, tokens, where=label), detections))
    return out

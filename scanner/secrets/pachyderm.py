"""Secrets in a Pachyderm pipeline spec: the one detector over the file's text (the same scan as
any YAML or JSON file, so one finding per secret), each finding inside `transform.env` naming
its variable: `(in transform.env.DB_PASSWORD of pipeline 'train'; use the spec's secrets instead)`."""

from __future__ import annotations

from scanner.documents import Document
from scanner.findings import Hit
from scanner.pipelines import pachyderm
from scanner.secrets.allow import comment_tokens
from scanner.secrets.detect import Detection, detect
from scanner.secrets.source import Source, build_hits

_INSTEAD = "mount a Kubernetes secret with `transform.secrets`"


def is_pachyderm_spec(doc: Document) -> bool:
    return doc.kind in ("yaml", "json") and pachyderm.is_spec(doc.data)


def pachyderm_hits(doc: Document) -> list[tuple[str, Hit]]:
    if doc.text is None:
        return []
    pipeline = pachyderm.name(doc.data)
    spans = []
    for var in pachyderm.env(doc.data):
        span = doc.spans.get(f"transform/env/{var}")
        if span is not None:
            spans.append((span.line, span.end_line, var))

    def where(line: int) -> str:
        for first, last, var in spans:
            if first <= line <= last:
                return f"(in transform.env.{var} of pipeline {pipeline!r}; {_INSTEAD})"
        return ""

    groups: dict[str, list[Detection]] = {}
    for d in detect(doc.text, doc.path):
        groups.setdefault(where(d.line), []).append(d)
    tokens = comment_tokens(doc.path)
    out: list[tuple[str, Hit]] = []
    for label, detections in groups.items():
        out.extend(build_hits(Source(doc.text, doc.path, tokens, where=label), detections))
    return out

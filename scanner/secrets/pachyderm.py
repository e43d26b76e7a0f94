"""Secrets in a Pachyderm pipeline spec: the one detector over the file's text (the same scan as
any YAML or JSON file, so one finding per secret), each finding inside `transform.env` naming
its variable: `(in transform.env.DB_PASSWORD of pipeline 'train'; use the spec's secrets instead)`."""

from __future__ import annotations

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.pipelines import pachyderm
from scanner.secrets.allow import comment_tokens
from scanner.secrets.detect import Detection, detect
from scanner.secrets.source import Source, build_hits

_INSTEAD = "mount a Kubernetes secret with `transform.secrets`"


def is_pachyderm_spec(doc: Document) -> bool:
    return doc.kind in ("yaml", "json") and pachyderm.is_spec(doc.data)


def specs_of_file(doc: Document, ctx: ScanContext) -> list[Document]:
    """The Pachyderm specs among the documents of `doc`'s file: a YAML or JSON stream holds
    several (`pachctl create pipeline -f` takes them all), and the file's text is scanned once,
    with its first document."""

    def later_documents() -> dict[tuple[str, str], list[Document]]:
        out: dict[tuple[str, str], list[Document]] = {}
        for d in ctx.documents:
            if d.index > 0 and d.kind in ("yaml", "json"):
                out.setdefault((d.kind, d.path), []).append(d)
        return out

    later = ctx.memo("secrets.pachyderm.later_documents", later_documents).get((doc.kind, doc.path), [])
    return [d for d in (doc, *later) if is_pachyderm_spec(d)]


def pachyderm_hits(doc: Document, specs: list[Document]) -> list[tuple[str, Hit]]:
    if doc.text is None:
        return []
    spans = []
    for spec in specs:
        pipeline = pachyderm.name(spec.data)
        for var in pachyderm.env(spec.data):
            span = spec.spans.get(f"transform/env/{var}")
            if span is not None:
                spans.append((span.line, span.end_line, var, pipeline))

    def where(line: int) -> str:
        for first, last, var, pipeline in spans:
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

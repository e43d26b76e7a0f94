"""Helm charts as documents: each chart's rendered manifests, pointed back at their templates.

A template file itself is read as text only (its secrets are still found). The chart is
rendered once, from its top chart, when helm is on PATH (see render); each rendered document
becomes a YAML document of the template that made it, with lines aligned to the template, so
the Kubernetes rules check what would be deployed. Without helm, each chart gets one note.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from scanner.documents import Document, LoadError, ScanError, Span
from scanner.helm import chart as charts
from scanner.helm import render as helm_render
from scanner.loaders import budgets
from scanner.loaders.text import read_text
from scanner.loaders.yaml_file import documents_of_text
from scanner.walk import FileEntry, RefusedPath, refused

NOT_LISTED = (
    "helm chart not rendered: its Chart.yaml is not among the files scanned, so its "
    "templates were not checked as Kubernetes manifests"
)
NOT_RENDERED = (
    "helm chart not rendered: helm is not on PATH, so its templates were not checked as "
    "Kubernetes manifests (their text and values.yaml were); put helm on PATH to have the chart "
    "rendered offline and checked"
)


def load_charts(
    root: Path, templates: Sequence[FileEntry], files: Sequence[FileEntry], max_bytes: int
) -> tuple[list[Document], list[ScanError]]:
    """The rendered documents of every chart that holds one of `templates`, and what went wrong.
    `files` is the whole listing (a chart is rendered from every listed file under it)."""
    tops = sorted({charts.top_chart(root, c) for e in templates if (c := charts.chart_of_template(e)) is not None})
    helm = helm_render.find_helm()
    listed = {f.rel for f in files}
    docs: list[Document] = []
    errors: list[ScanError] = []
    for top in tops:
        chart_file = charts.joined(top, charts.CHART_FILE)
        if helm is not None and chart_file not in listed:
            errors.append(ScanError(chart_file, NOT_LISTED, kind="note"))
            continue
        if helm is None:
            errors.append(ScanError(chart_file, NOT_RENDERED, kind="note"))
            continue
        prefix = f"{top}/" if top else ""
        inside = [f for f in files if f.rel.startswith(prefix) and f.size <= max_bytes]
        try:
            rendered = helm_render.render(helm, top, inside, budgets.current().helm_chart_seconds)
        except subprocess.TimeoutExpired:
            message = "render helm chart: helm template ran out of time; templates not checked"
            errors.append(ScanError(chart_file, f"{message} ({budgets.named('helm_chart_seconds')})", kind="limit"))
            continue
        except helm_render.RenderFailed as exc:
            where = charts.joined(top, exc.template) if exc.template else chart_file
            message = f"render helm chart: {exc}; templates not checked"
            errors.append(ScanError(where, message, line=exc.line, kind="note"))
            continue
        except RefusedPath as exc:
            errors.append(refused(exc.filename or chart_file, exc))
            continue
        except OSError as exc:
            errors.append(ScanError(chart_file, f"render helm chart: cannot run helm: {exc.strerror}", kind="skipped"))
            continue
        by_path = {f.rel: f for f in inside}
        docs_of, errs = _documents(top, rendered, by_path)
        docs.extend(docs_of)
        errors.extend(errs)
    return docs, errors


def _documents(
    top: str, rendered: Sequence[helm_render.Rendered], by_path: dict[str, FileEntry]
) -> tuple[list[Document], list[ScanError]]:
    docs: list[Document] = []
    errors: list[ScanError] = []
    count: defaultdict[str, int] = defaultdict(int)
    template_lines: dict[str, list[str]] = {}
    for item in rendered:
        # A template of a packaged subchart (charts/x.tgz) has no file of its own: its chart's.
        path = charts.joined(top, item.source)
        if path not in by_path:
            path = charts.joined(top, charts.CHART_FILE)
        if path not in template_lines:
            try:
                template_lines[path] = read_text(by_path[path]).splitlines() if path in by_path else []
            except (LoadError, OSError):
                template_lines[path] = []
        lines = helm_render.align(item.text.splitlines(), template_lines[path])
        try:
            parsed = documents_of_text(path, item.text)
        except LoadError as exc:
            line = lines[exc.line - 1] if exc.line and exc.line <= len(lines) else None
            errors.append(ScanError(path, f"render helm chart: rendered {exc.message}", line=line, kind=exc.kind))
            continue
        for doc in parsed:
            spans = {k: _moved(s, path, lines) for k, s in doc.spans.items()}
            docs.append(Document(kind="yaml", path=path, data=doc.data, spans=spans, index=count[path]))
            count[path] += 1
    return docs, errors


def _moved(span: Span, path: str, lines: list[int]) -> Span:
    first = lines[min(span.line, len(lines)) - 1] if lines else 1
    last = lines[min(span.end_line, len(lines)) - 1] if lines else 1
    return Span(path, first, max(first, last))

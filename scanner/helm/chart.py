"""Helm charts: which files are a chart's Go templates, and which chart renders them.

A chart is a folder with a `Chart.yaml`; everything under its `templates/` is a Go template,
which is YAML only once rendered (`{{ .Values.x }}` and `{{- if }}` blocks are not YAML), so it
is never parsed as YAML and never a parse error. A subchart kept in its parent's `charts/`
folder is rendered by its parent, with the parent's values.
"""

from __future__ import annotations

import stat
from functools import lru_cache
from pathlib import Path, PurePosixPath

from scanner.walk import FileEntry, lstat_in_root

CHART_FILE = "Chart.yaml"
TEMPLATES = "templates"
SUBCHARTS = "charts"


def joined(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


@lru_cache(maxsize=4096)
def is_chart(root: Path, folder: str) -> bool:
    """`folder` (relative to the scan root, "" for the root) holds a regular `Chart.yaml`."""
    try:
        return stat.S_ISREG(lstat_in_root(root, joined(folder, CHART_FILE)).st_mode)
    except OSError:  # absent, a link, or out of the root: not a chart we read
        return False


def chart_of_template(entry: FileEntry) -> str | None:
    """The chart folder whose `templates/` holds this file (the innermost one), or None."""
    parts = PurePosixPath(entry.rel).parts
    for i in range(len(parts) - 2, -1, -1):
        if parts[i] == TEMPLATES and is_chart(entry.root, "/".join(parts[:i])):
            return "/".join(parts[:i])
    return None


def top_chart(root: Path, chart: str) -> str:
    """The chart that renders `chart`: itself, or the parent whose `charts/` folder holds it."""
    path = PurePosixPath(chart)
    while path.parent.name == SUBCHARTS and is_chart(root, _rel(path.parent.parent)):
        path = path.parent.parent
    return _rel(path)


def _rel(path: PurePosixPath) -> str:
    text = path.as_posix()
    return "" if text == "." else text

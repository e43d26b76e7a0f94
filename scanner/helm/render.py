"""`helm template` on a private copy of a chart, offline, and its output split per template.

helm is optional, like checkov: found on PATH, never downloaded. The chart is copied file by
file through the guarded open (only listed files, no link followed, nothing outside the scan
root), and helm runs on the copy with a fresh HOME, no plugins, no repositories, no kubeconfig
and no dependency update, so it reads nothing of the runner's and fetches nothing. A chart
whose dependencies are not vendored in `charts/` fails to render, which is reported, not fixed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from scanner.walk import FileEntry

RELEASE = "mlcomply"
_SOURCE = re.compile(r"^# Source: (\S.*?)\s*$")
_SEPARATOR = re.compile(r"^---\s*$")
# Where helm says a template failed: `template: chart/templates/x.yaml:12:3: executing ...`.
_FAILED_AT = re.compile(r"(?:^|\s)[^\s:]+?/(templates/[^\s:]+):(\d+)")


def find_helm() -> str | None:
    return shutil.which("helm")


class RenderFailed(Exception):
    """helm exited non-zero. Only where it failed is kept: its message may quote values."""

    def __init__(self, returncode: int, template: str | None, line: int | None) -> None:
        super().__init__(f"helm template exited with {returncode}")
        self.returncode, self.template, self.line = returncode, template, line


@dataclass(frozen=True)
class Rendered:
    source: str  # the template's path inside the chart, e.g. templates/deployment.yaml
    text: str  # one YAML document as rendered


def render(helm: str, chart: str, files: Sequence[FileEntry], seconds: float) -> list[Rendered]:
    """The rendered documents of the chart in folder `chart`, made of `files` (every listed file
    under it). Raises RenderFailed, subprocess.TimeoutExpired, or OSError (a refused read)."""
    with tempfile.TemporaryDirectory(prefix="mlcomply-helm-") as tmp:
        copy = Path(tmp) / "chart"
        prefix = f"{chart}/" if chart else ""
        for entry in files:
            dest = copy / entry.rel[len(prefix) :]
            dest.parent.mkdir(parents=True, exist_ok=True)
            with entry.open() as src, open(dest, "xb") as out:
                shutil.copyfileobj(src, out)
        home = Path(tmp) / "home"
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(home),
            "HELM_CACHE_HOME": str(home / "cache"),
            "HELM_CONFIG_HOME": str(home / "config"),
            "HELM_DATA_HOME": str(home / "data"),
            "HELM_PLUGINS": str(home / "plugins"),
            "KUBECONFIG": str(home / "kubeconfig"),
        }
        proc = subprocess.run(
            [helm, "template", RELEASE, str(copy), "--namespace", "default"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=tmp,
            timeout=seconds,
            check=False,
        )
    if proc.returncode != 0:
        where = _FAILED_AT.search(proc.stderr.decode("utf-8", "replace"))
        template, line = (where.group(1), int(where.group(2))) if where else (None, None)
        raise RenderFailed(proc.returncode, template, line)
    return list(split(proc.stdout.decode("utf-8", "replace")))


def split(output: str) -> Iterator[Rendered]:
    """helm's output as (template, document) pairs: each document follows `---` and a
    `# Source: <chart name>/<path in chart>` comment; the chart name is dropped."""
    chunk: list[str] = []
    for line in [*output.splitlines(), "---"]:
        if not _SEPARATOR.match(line):
            chunk.append(line)
            continue
        source = _SOURCE.match(chunk[0]) if chunk else None
        if source is not None:
            inside = PurePosixPath(source.group(1)).parts[1:]
            yield Rendered("/".join(inside), "\n".join(chunk[1:]) + "\n")
        chunk = []


def align(rendered: Sequence[str], template: Sequence[str], window: int = 200) -> list[int]:
    """For each rendered line, the 1-based template line it most likely came from: the next
    template line (in order, within `window` lines) with the same text or the same key; a line
    made by a helper or a loop keeps the last match. Linear: each search is bounded."""
    out: list[int] = []
    at, last = 0, 1
    for line in rendered:
        text = line.strip()
        key = _key(text)
        for i in range(at, min(len(template), at + window)):
            candidate = template[i].strip()
            if text and (candidate == text or (key and _key(candidate) == key)):
                at, last = i + 1, i + 1
                break
        out.append(last)
    return out


def _key(text: str) -> str:
    """`image` for `- image: x`, "" for a line with no YAML key."""
    head, colon, _ = text.lstrip("- ").partition(":")
    return head if colon and head and "{{" not in head and " " not in head else ""

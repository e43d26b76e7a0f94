"""Write the org report as JSON, Markdown or HTML (Jinja2 templates shipped in the package)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from scanner.org.charts import COLOURS, severity_bars, sparkline
from scanner.severity import SEVERITIES
from scanner.writers.escape import md_cell
from scanner.writers.safe_file import write_output


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("scanner.org", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),  # our templates end in .j2
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_cell
    env.filters["sparkline"] = sparkline
    return env


def render(report: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report, indent=2) + "\n"
    template = _environment().get_template(f"report.{fmt}.j2")
    return template.render(r=report, severities=SEVERITIES, colours=COLOURS, chart=severity_bars(report["trends"]))


def write_report(report: dict[str, Any], path: Path) -> None:
    write_output(path, render(report, path.suffix.lower().lstrip(".")), what="write report")

"""`scan --format`: which console format goes to stdout. `text` for people (the default on a
terminal), `compact` two stable lines per finding for pipes and scripts (the default otherwise),
`json` and `sarif` the documents --json-output and --sarif-output write, `github` annotations."""

from __future__ import annotations

import json
import os
from typing import TextIO

from scanner.scan import ScanResult

FORMATS = ("text", "compact", "json", "sarif", "github")


def default_format(stream: TextIO) -> str:
    isatty = getattr(stream, "isatty", None)
    return "text" if isatty and isatty() else "compact"


def write_console(result: ScanResult, out: TextIO, fmt: str, fail_on: str, show_all: bool) -> None:
    if fmt == "text":
        from scanner.console.style import Style, use_color
        from scanner.console.text import write_text

        write_text(result, out, fail_on, Style(use_color(out, os.environ)), show_all)
    elif fmt == "compact":
        from scanner.writers.text import write_text as write_compact

        write_compact(result, out, fail_on)
    elif fmt == "github":
        from scanner.console.github import write_github

        write_github(result, out)
    elif fmt == "json":
        from scanner.writers.json_out import to_json

        out.write(json.dumps(to_json(result), indent=2) + "\n")
    else:
        from scanner.writers.sarif import to_sarif

        out.write(json.dumps(to_sarif(result), indent=2) + "\n")

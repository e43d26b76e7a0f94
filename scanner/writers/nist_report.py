"""Write the NIST AI RMF report in the format the output file's extension names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from scanner.errors import FatalError
from scanner.nist.report import Report, build_report
from scanner.writers import nist_html, nist_json, nist_md
from scanner.writers.safe_file import write_output

WRITERS: dict[str, Callable[[Report], str]] = {
    ".md": nist_md.render,
    ".html": nist_html.render,
    ".json": nist_json.render,
}


def writer_for(path: Path) -> Callable[[Report], str]:
    """Checked before a scan starts, so a typo costs nothing."""
    try:
        return WRITERS[path.suffix.lower()]
    except KeyError:
        raise FatalError(
            f"report output {path}: unknown extension {path.suffix or '(none)'!r}; "
            f"use one of {', '.join(sorted(WRITERS))}"
        ) from None


def write_report(results: Mapping[str, Any], path: Path, threshold: str) -> None:
    """`results` is the scan's JSON results document (writers/json_out.to_json)."""
    write_output(path, writer_for(path)(build_report(results, threshold)))

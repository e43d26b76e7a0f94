"""`--format github`: one GitHub Actions workflow command per finding (`::error file=...,line=...,
title=...::message`), which the runner turns into an annotation on the pull request's diff.

Values are escaped as the runner's toolkit does (`%`, CR, LF; in properties also `:` and `,`),
so a file name or message cannot end the command early or start another one."""

from __future__ import annotations

from typing import TextIO

from scanner.console.text import one_line
from scanner.scan import ScanResult
from scanner.writers.escape import console_text

# GitHub has three annotation levels; critical and high are errors, as in SARIF.
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(result: ScanResult, out: TextIO) -> None:
    metas = {m.id: m for m in result.rules}
    for f in result.findings:
        if f.suppression is not None:
            continue
        title = f"{f.rule_id} {f.title}"
        message = console_text(f.message)
        meta = metas.get(f.rule_id)
        if meta is not None and meta.remediation:
            message += f"\nfix: {one_line(meta.remediation)}"
        where = f"file={_prop(console_text(f.path))},line={f.start_line},endLine={max(f.end_line, f.start_line)}"
        out.write(f"::{LEVEL[f.severity]} {where},title={_prop(console_text(title))}::{_data(message)}\n")
    for e in result.errors:
        if e.kind in ("skipped", "note"):
            continue
        line = f",line={e.line}" if e.line else ""
        where = f"file={_prop(console_text(e.path))}{line}"
        out.write(f"::error {where},title=mlcomply scan error::{_data(console_text(e.message))}\n")

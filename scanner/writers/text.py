"""The console summary: what a person reads in a terminal or a CI log."""

from __future__ import annotations

from typing import TextIO

from scanner.scan import ScanResult
from scanner.writers.escape import console_text
from scanner.writers.json_out import summary

_LABEL = {"critical": "CRITICAL", "high": "HIGH", "medium": "MEDIUM", "low": "LOW", "info": "INFO"}


def write_text(result: ScanResult, out: TextIO, fail_on: str) -> None:
    s = summary(result)
    for f in result.findings:
        if f.suppression is not None:
            continue
        # Paths, addresses and messages come from the repository: shown with controls escaped.
        where = f"{console_text(f.path)}:{f.start_line}"
        name = f"  [{console_text(f.address or f.pointer or '')}]" if (f.address or f.pointer) else ""
        out.write(f"{_LABEL[f.severity]:<8} {console_text(f.rule_id):<22} {where}{name}\n")
        out.write(f"         {console_text(f.message)}\n")
    problems = [e for e in result.errors if e.kind not in ("skipped", "note")]  # notes: JSON and SARIF
    for e in problems:
        pos = f":{e.line}" + (f":{e.column}" if e.column else "") if e.line else ""
        out.write(f"ERROR    {console_text(e.path)}{pos}: {console_text(e.message)}\n")
    sev = ", ".join(f"{n} {k}" for k, n in s["by_severity"].items() if n)
    cats = ", ".join(f"{n} {k}" for k, n in s["by_category"].items() if n)
    out.write(
        f"\nmlcomply: {s['total']} finding(s)" + (f" ({sev})" if sev else "") + f" in {s['files_scanned']} files, "
        f"{s['rules']} rules, {result.seconds:.2f}s\n"
    )
    if cats:
        out.write(f"by category: {cats}\n")
    if s["suppressed"]:
        out.write(f"suppressed: {s['suppressed']}\n")
    if s["excluded"]:
        out.write(f"excluded: {s['excluded']} file(s) (--exclude, config exclude)\n")
    if problems:
        out.write(f"scan errors: {len(problems)} file(s) could not be scanned (listed above)\n")
    if s["skipped"]:
        out.write(f"skipped: {s['skipped']} file(s) not read (links, unreadable); see the JSON or SARIF output\n")
    if fail_on != "none":
        out.write(f"failing on: {fail_on} and above\n")

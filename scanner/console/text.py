"""The console format for people (`--format text`, the default on a terminal): findings grouped
by file, each with its rule's title, location, message, a one-line fix and the rule's page, and a
summary table. Everything a repository controls is shown with controls escaped (console_text)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TextIO

from scanner.console.collapse import FileGroup, group
from scanner.console.links import doc_url
from scanner.console.style import Style
from scanner.metadata import RuleMeta
from scanner.scan import ScanResult
from scanner.severity import SEVERITIES
from scanner.writers.escape import console_text
from scanner.writers.json_out import summary

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def one_line(text: str, limit: int = 160) -> str:
    """The first sentence of a remediation, on one line: the fix a person reads first. A full
    stop inside `code` (`permissions.contents`) ends nothing."""
    flat = " ".join(text.split())
    first = flat
    for m in _SENTENCE_END.finditer(flat):
        before = flat[: m.start()]
        if before.count("`") % 2 == 0 and not before.endswith(("e.g.", "i.e.", "etc.", "vs.")):
            first = before.rstrip(";")
            break
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def write_text(
    result: ScanResult,
    out: TextIO,
    fail_on: str,
    style: Style,
    show_all: bool = False,
    env: Mapping[str, str] | None = None,
) -> None:
    metas = {m.id: m for m in result.rules}
    links = {rid: doc_url(m, env) for rid, m in metas.items()}
    active = [f for f in result.findings if f.suppression is None]
    for g in group(active, show_all):
        _write_file(g, out, style, metas, links)
    problems = [e for e in result.errors if e.kind not in ("skipped", "note")]
    if problems:
        out.write(style.paint("scan errors", "bold") + "\n")
        for e in problems:
            pos = f":{e.line}" + (f":{e.column}" if e.column else "") if e.line else ""
            out.write(f"  {style.paint('ERROR', 'high')} {console_text(e.path)}{pos}: {console_text(e.message)}\n")
        out.write("\n")
    _write_summary(result, out, fail_on, style)


def _write_file(
    g: FileGroup, out: TextIO, style: Style, metas: Mapping[str, RuleMeta], links: Mapping[str, str | None]
) -> None:
    out.write(style.paint(console_text(g.path), "path") + "\n")
    explained: set[str] = set()  # fix and link once per rule and file
    for entry in g.entries:
        f = entry.finding
        meta = metas.get(f.rule_id)
        label = style.paint(f.severity.upper(), f.severity) + " " * (8 - len(f.severity))
        out.write(f"  {label} {style.paint(console_text(f.rule_id), 'bold')}  {console_text(f.title)}\n")
        where = f"{console_text(f.path)}:{f.start_line}"
        if f.address or f.pointer:
            where += f"  {console_text(f.address or f.pointer or '')}"
        out.write(f"           {where}\n")
        out.write(f"           {console_text(f.message)}\n")
        if meta is not None and meta.remediation and f.rule_id not in explained:
            out.write(f"           {style.paint('fix:', 'bold')} {console_text(one_line(meta.remediation))}\n")
        if links.get(f.rule_id) and f.rule_id not in explained:
            out.write(f"           {style.paint('docs:', 'dim')} {links[f.rule_id]}\n")
        explained.add(f.rule_id)
        if entry.also_in:
            shown = ", ".join(console_text(p) for p in entry.also_in[:3])
            more = f" and {len(entry.also_in) - 3} more" if len(entry.also_in) > 3 else ""
            out.write(
                f"           {style.paint('also in', 'dim')} {len(entry.also_in)} more file(s): {shown}{more} "
                "(--show-all lists each)\n"
            )
    for rule_id, n in sorted(g.hidden.items()):
        out.write(f"  … {n} more {console_text(rule_id)} finding(s) in this file (--show-all lists them)\n")
    out.write("\n")


def _write_summary(result: ScanResult, out: TextIO, fail_on: str, style: Style) -> None:
    s = summary(result)
    out.write(style.paint("summary", "bold") + "\n")
    out.write(f"  {'severity':<10} {'findings':>8}\n")
    for sev in SEVERITIES:
        n = s["by_severity"][sev]
        mark = (
            "  fails the scan" if n and fail_on != "none" and SEVERITIES.index(sev) <= SEVERITIES.index(fail_on) else ""
        )
        label = style.paint(sev, sev) if n else sev
        out.write(f"  {label}{' ' * (10 - len(sev))} {n:>8}{mark}\n")
    out.write(f"  {'total':<10} {s['total']:>8}\n\n")
    cats = ", ".join(f"{n} {k}" for k, n in s["by_category"].items() if n)
    if cats:
        out.write(f"  by category: {cats}\n")
    excluded = result.excluded
    files = f"{s['files_scanned']} files" + (f" ({excluded} excluded)" if excluded else "")
    out.write(f"  scanned: {files}, {s['rules']} rules, {result.seconds:.2f}s\n")
    if s["suppressed"]:
        out.write(f"  suppressed: {s['suppressed']}\n")
    if s["errors"]:
        out.write(f"  scan errors: {s['errors']} (listed above)\n")
    if s["skipped"]:
        out.write(f"  skipped: {s['skipped']} file(s) not read (links, unreadable); see the JSON or SARIF output\n")
    out.write(f"  failing on: {fail_on}" + (" and above\n" if fail_on != "none" else " (never fails)\n"))

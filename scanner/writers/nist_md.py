"""The NIST AI RMF report as Markdown that fits a GitHub job summary (at most 1 MiB)."""

from __future__ import annotations

from scanner.nist.report import STATUSES, Report
from scanner.writers.templating import environment

# GitHub rejects a step summary larger than 1 MiB.
MAX_BYTES = 1024 * 1024
# Findings listed per subcategory: the first that fits wins; the rest are counted in a note.
_LIMITS = (1000, 200, 50, 10, 0)
_CUT_NOTE = "\n\n*Report cut at 1 MiB for the GitHub job summary; the HTML and JSON reports are complete.*\n"


def render(report: Report, max_bytes: int = MAX_BYTES) -> str:
    template = environment().get_template("nist-report.md")
    for limit in _LIMITS:
        text = template.render(report=report, statuses=STATUSES, limit=limit)
        if len(text.encode("utf-8")) <= max_bytes:
            return text
    # Even without finding rows (thousands of rules?): cut at a line boundary, and say so.
    budget = max_bytes - len(_CUT_NOTE.encode("utf-8"))
    head = text.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return head[: head.rfind("\n")] + _CUT_NOTE

"""The NIST AI RMF report as one self-contained HTML page: inline CSS and SVG, no script, no
fetch (a Content-Security-Policy forbids any), so it can be archived or mailed as a file."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.nist.report import ASSESSED, STATUSES, CategoryResult, Report, SubcategoryResult
from scanner.severity import SEVERITIES
from scanner.writers.templating import environment

# Heatmap geometry (SVG user units): one row per function, one column per category number.
LABEL_W, HEAD_H, CELL_W, CELL_H, GAP = 96, 22, 150, 66, 6
SQ, SQ_GAP, SQ_PER_ROW, SQ_TOP = 13, 3, 8, 26
BAR_LABEL_W, BAR_W, BAR_H = 90, 320, 20


@dataclass(frozen=True)
class Square:
    x: int
    y: int
    sub: SubcategoryResult


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    cat: CategoryResult
    squares: tuple[Square, ...]

    @property
    def assessed(self) -> int:
        return sum(s.status in ASSESSED for s in self.cat.subcategories)


@dataclass(frozen=True)
class Heatmap:
    width: int
    height: int
    columns: int
    rows: tuple[tuple[str, int], ...]  # (function id, y)
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    width: int
    y: int
    css: str


def heatmap(report: Report) -> Heatmap:
    columns = max(len(f.categories) for f in report.functions)
    rows, cells = [], []
    for i, fn in enumerate(report.functions):
        y = HEAD_H + i * (CELL_H + GAP)
        rows.append((fn.fn.id, y))
        for cat in fn.categories:
            x = LABEL_W + (cat.cat.number - 1) * (CELL_W + GAP)
            squares = tuple(
                Square(
                    x + 8 + (k % SQ_PER_ROW) * (SQ + SQ_GAP),
                    y + SQ_TOP + (k // SQ_PER_ROW) * (SQ + SQ_GAP),
                    sub,
                )
                for k, sub in enumerate(cat.subcategories)
            )
            cells.append(Cell(x, y, cat, squares))
    width = LABEL_W + columns * (CELL_W + GAP)
    height = HEAD_H + len(report.functions) * (CELL_H + GAP)
    return Heatmap(width, height, columns, tuple(rows), tuple(cells))


def severity_bars(report: Report) -> tuple[Bar, ...]:
    counts = [(s, report.by_severity[s], f"sev-{s}") for s in SEVERITIES]
    counts.append(("suppressed", report.suppressed, "sev-suppressed"))
    top = max((n for _, n, _ in counts), default=0) or 1
    return tuple(
        Bar(label, n, round(BAR_W * n / top), i * (BAR_H + 6), css) for i, (label, n, css) in enumerate(counts)
    )


def render(report: Report) -> str:
    bars = severity_bars(report)
    template = environment().get_template("nist-report.html")
    return template.render(
        report=report,
        statuses=STATUSES,
        heat=heatmap(report),
        bars=bars,
        bars_height=len(bars) * (BAR_H + 6),
        geo={
            "cell_w": CELL_W,
            "cell_h": CELL_H,
            "sq": SQ,
            "label_w": LABEL_W,
            "head_h": HEAD_H,
            "gap": GAP,
            "bar_label_w": BAR_LABEL_W,
            "bar_w": BAR_W,
            "bar_h": BAR_H,
        },
    )

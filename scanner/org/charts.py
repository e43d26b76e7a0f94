"""Geometry of the report's inline SVG charts (the HTML template draws it: no script, no fetch)."""

from __future__ import annotations

from typing import Any

from scanner.severity import SEVERITIES

COLOURS = {"critical": "#7f1d1d", "high": "#dc2626", "medium": "#f59e0b", "low": "#3b82f6", "info": "#9ca3af"}
WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 640, 240, 20, 40, 40


def severity_bars(trends: list[dict[str, Any]]) -> dict[str, Any]:
    """One stacked bar per run (findings by severity), oldest left, with y-axis ticks."""
    peak = max([t["findings"]["total"] for t in trends] + [1])
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - 10) / max(len(trends), 1)
    bar_w = min(48.0, slot * 0.7)
    bars = []
    for i, trend in enumerate(trends):
        x = LEFT + i * slot + (slot - bar_w) / 2
        y = float(HEIGHT - BOTTOM)
        segments = []
        for sev in reversed(SEVERITIES):  # info at the bottom, critical on top
            h = trend["findings"][sev] / peak * plot_h
            if h > 0:
                y -= h
                segments.append({"severity": sev, "count": trend["findings"][sev], "y": round(y, 1), "h": round(h, 1)})
        bars.append(
            {
                "x": round(x, 1),
                "w": round(bar_w, 1),
                "cx": round(x + bar_w / 2, 1),
                "top": round(y, 1),
                "segments": segments,
                "total": trend["findings"]["total"],
                "label": f"#{trend['run_id']} {trend['started'][:10]}",
            }
        )
    ticks = [{"value": round(peak * f), "y": round(HEIGHT - BOTTOM - f * plot_h, 1)} for f in (0, 0.5, 1)]
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "base": HEIGHT - BOTTOM, "bars": bars, "ticks": ticks}


def sparkline(values: list[int | None], width: int = 90, height: int = 18) -> dict[str, Any]:
    """A polyline of a repository's totals over the shown runs; gaps (failed runs) are skipped."""
    peak = max([v for v in values if v is not None] + [1])
    step = width / max(len(values) - 1, 1)
    points = [
        (round(i * step, 1), round(height - 2 - v / peak * (height - 4), 1))
        for i, v in enumerate(values)
        if v is not None
    ]
    label = ", ".join("-" if v is None else str(v) for v in values)
    return {
        "width": width,
        "height": height,
        "points": " ".join(f"{x},{y}" for x, y in points),
        "last": points[-1:],
        "label": label,
    }

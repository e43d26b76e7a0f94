from __future__ import annotations

import pytest

from scanner.org.charts import HEIGHT, severity_bars, sparkline


def _trend(run_id: int, critical: int, high: int) -> dict:
    counts = {"critical": critical, "high": high, "medium": 0, "low": 0, "info": 0}
    return {
        "run_id": run_id,
        "started": "2026-01-0{run_id}T00:00:00+00:00",
        "findings": {**counts, "total": critical + high},
    }


def test_bars_stack_to_scale() -> None:
    chart = severity_bars([_trend(1, 2, 2), _trend(2, 0, 2), _trend(3, 0, 0)])
    tall, short, empty = chart["bars"]
    assert tall["top"] == pytest.approx(20) and short["top"] == pytest.approx((20 + chart["base"]) / 2)
    assert [s["severity"] for s in tall["segments"]] == ["high", "critical"]  # critical on top
    assert sum(s["h"] for s in tall["segments"]) == pytest.approx(chart["base"] - 20)
    assert empty["segments"] == [] and empty["top"] == chart["base"] == HEIGHT - 40
    assert [t["value"] for t in chart["ticks"]] == [0, 2, 4]
    assert tall["x"] < short["x"] < empty["x"]


@pytest.mark.parametrize(
    ("values", "points", "label"),
    [
        ([4, 8], "0.0,9.0 90.0,2.0", "4, 8"),
        ([None, 0, 2], "45.0,16.0 90.0,2.0", "-, 0, 2"),
        ([None], "", "-"),
    ],
)
def test_sparkline(values: list, points: str, label: str) -> None:
    line = sparkline(values)
    assert (line["points"], line["label"]) == (points, label)

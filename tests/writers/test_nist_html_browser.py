"""Open the HTML report in headless Chromium: no console errors, no fetches, a visible heatmap.

Uses the system Chromium (Debian package `chromium`) driven by Playwright, which never downloads
a browser here. Set MLCOMPLY_SCREENSHOT_DIR to keep the screenshots.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scanner.nist.report import build_report
from scanner.rulesets import RuleSet
from scanner.writers import nist_html
from tests.nist_fixtures import fixture_results

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install .[test])")
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

# Root in a container, no GPU, and nothing that phones home.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FAIL_RED = "rgb(198, 40, 40)"  # --fail in the report's CSS
PASS_GREEN = "rgb(46, 125, 50)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.mark.parametrize(("name", "colour"), [("failing", FAIL_RED), ("passing", PASS_GREEN)])
def test_report_renders_in_chromium(
    name: str, colour: str, browser: Any, tmp_path: Path, builtin_rules: RuleSet
) -> None:
    page_file = tmp_path / f"nist-{name}.html"
    page_file.write_text(nist_html.render(build_report(fixture_results(name, tmp_path, builtin_rules), "high")))
    shots = Path(os.environ.get("MLCOMPLY_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)

    page = browser.new_page(viewport={"width": 1280, "height": 1150})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri(), wait_until="load")

    heatmap = page.locator("svg#heatmap")
    assert heatmap.is_visible()
    box = heatmap.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 250
    squares = page.locator("svg#heatmap rect.sq")
    assert squares.count() == 72
    assert all(squares.nth(i).is_visible() for i in range(72))
    ms27 = page.locator('svg#heatmap a[href="#MEASURE-2-7"] rect')
    assert ms27.evaluate("e => getComputedStyle(e).fill") == colour
    assert page.locator("svg#severity-bars").is_visible()

    page.screenshot(path=str(shots / f"nist-{name}.png"))
    heatmap.screenshot(path=str(shots / f"nist-{name}-heatmap.png"))
    ms27.click()  # drill-down: the link opens the subcategory's section
    assert page.locator("details#MEASURE-2-7 summary").is_visible()
    page.screenshot(path=str(shots / f"nist-{name}-drilldown.png"))
    page.close()

    assert problems == []
    assert requests == [page_file.as_uri()], "the report fetched something"
    png = (shots / f"nist-{name}.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000

"""The HTML report with evidence records, in headless Chromium: an attested subcategory, an
expired one and a failing one with a record beside its findings; no script, no fetch.

Same set-up as test_nist_html_browser (system Chromium via Playwright). Set
MLCOMPLY_SCREENSHOT_DIR to keep the screenshots (docs/screenshots/nist-attested*.png).
"""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from scanner.evidence import trusted
from scanner.nist.report import build_report
from scanner.rulesets import RuleSet
from scanner.scan import scan
from scanner.writers import nist_html
from scanner.writers.json_out import to_json
from tests.conftest import init_repo
from tests.nist_fixtures import fixture_files, fixture_rules

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install .[test])")
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]
ATTESTED_TEAL = "rgb(0, 131, 143)"  # --attested in the report's CSS
EXPIRED_BROWN = "rgb(141, 74, 47)"  # --expired
FAIL_RED = "rgb(198, 40, 40)"

EVIDENCE = """\
version: 1
records:
  - subcategory: GOVERN 2.2
    statement: Every ML engineer and data annotator completed the 2026 AI risk training (98 of 100 people).
    evidence: https://lms.example.com/reports/ai-risk-2026
    owner: head-of-ml@example.com
    date: 2026-03-01
    expires: 2999-03-01
  - subcategory: GOVERN 2.2
    statement: Partners sign the AI risk addendum; the signed copies are listed in the repository.
    evidence: docs/partners.md
    owner: legal@example.com
    date: 2026-02-10
    expires: 2999-02-10
  - subcategory: MEASURE 2.2
    statement: Human-subject evaluations follow IRB protocol 7.
    evidence: https://irb.example.com/protocols/7
    owner: ethics@example.com
    date: 2019-03-01
    expires: 2020-03-01
  - subcategory: MEASURE 2.7
    statement: The security review signed off the storage design.
    evidence: docs/
    owner: security@example.com
    date: 2026-01-15
    expires: 2999-01-15
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _page_file(tmp_path: Path, rules: RuleSet) -> Path:
    files = {**fixture_files("failing"), ".mlcomply-evidence.yaml": EVIDENCE, "docs/partners.md": "# Partners\n"}
    root = init_repo(tmp_path / "repo", files)
    result = scan([root], fixture_rules(rules))
    records = trusted.read(result.root, None, [], [], datetime.date(2026, 12, 7))
    page = tmp_path / "nist-attested.html"
    page.write_text(nist_html.render(build_report(to_json(replace(result, evidence=records)), "high")))
    return page


def test_attested_subcategory_renders_in_chromium(browser: Any, tmp_path: Path, builtin_rules: RuleSet) -> None:
    shots = Path(os.environ.get("MLCOMPLY_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page_file = _page_file(tmp_path, builtin_rules)
    page.goto(page_file.as_uri(), wait_until="load")

    def fill(sub_id: str) -> str:
        rect = page.locator(f'svg#heatmap a[href="#{sub_id}"] rect')
        return str(rect.evaluate("e => getComputedStyle(e).fill"))

    assert fill("GOVERN-2-2") == ATTESTED_TEAL
    assert fill("MEASURE-2-2") == EXPIRED_BROWN
    assert fill("MEASURE-2-7") == FAIL_RED  # the static result wins over its record

    attested = page.locator("details#GOVERN-2-2")
    assert attested.get_attribute("open") is not None  # a subcategory with records opens
    badge = attested.locator("summary .badge")
    assert badge.inner_text() == "attested"
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == ATTESTED_TEAL
    rows = attested.locator("table").first.locator("tr")
    assert rows.count() == 3  # header + two records
    assert "98 of 100 people" in rows.nth(1).inner_text()
    assert rows.nth(1).locator("a").get_attribute("href") == "https://lms.example.com/reports/ai-risk-2026"
    assert rows.nth(1).locator("a").get_attribute("rel") == "noreferrer"
    assert rows.nth(2).locator("code").last.inner_text() == "docs/partners.md"
    assert "legal@example.com" in rows.nth(2).inner_text()
    expired = page.locator("details#MEASURE-2-2")
    assert expired.locator("summary .badge").inner_text() == "attestation expired"
    assert expired.locator("table .badge").inner_text() == "expired"
    both = page.locator("details#MEASURE-2-7")
    assert both.locator("summary .badge").inner_text() == "fail"
    assert "The security review signed off" in both.inner_text() and "MLC-AWS-S3-002" in both.inner_text()

    page.screenshot(path=str(shots / "nist-attested-summary.png"))
    attested.scroll_into_view_if_needed()
    page.evaluate("document.getElementById('GOVERN-2-2').scrollIntoView()")
    page.screenshot(path=str(shots / "nist-attested.png"))
    assert problems == []
    assert requests == [page_file.as_uri()]  # nothing fetched: the page is self-contained
    page.close()

from __future__ import annotations

import copy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from scanner.nist.report import build_report
from scanner.rulesets import RuleSet
from scanner.writers import nist_html
from tests.nist_fixtures import fixture_results, suppress_all


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


@pytest.fixture
def failing(tmp_path: Path, builtin_rules: RuleSet) -> dict[str, Any]:
    return fixture_results("failing", tmp_path, builtin_rules)


def test_self_contained_nothing_to_fetch(failing: dict[str, Any]) -> None:
    html = nist_html.render(build_report(failing, "high"))
    tags = parse(html)
    names = {t for t, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed"}
    assert not [a for _, a in tags if "src" in a or "srcset" in a]
    assert "url(" not in html and "@import" not in html
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and csp.startswith("default-src 'none'")


def test_heatmap_has_every_category_and_subcategory(failing: dict[str, Any]) -> None:
    report = build_report(failing, "high")
    tags = parse(nist_html.render(report))
    assert ("svg", "heatmap") in [(t, a.get("id")) for t, a in tags]
    squares = [a["class"] for t, a in tags if t == "rect" and (a.get("class") or "").startswith("sq ")]
    assert len(squares) == 72
    assert squares.count("sq sq-fail") == 2
    assert squares.count("sq sq-attestation") == 10
    cells = [a["class"] for t, a in tags if t == "rect" and (a.get("class") or "").startswith("cell ")]
    assert len(cells) == 19 and cells.count("cell cell-fail") == 1
    links = {a.get("href") for t, a in tags if t == "a"}
    ids = {a.get("id") for _, a in tags}
    assert {"#MEASURE-2-7", "#MEASURE-2"} <= links
    assert all(link[1:] in ids for link in links if link and link.startswith("#"))


def test_heatmap_geometry_places_categories_by_number(failing: dict[str, Any]) -> None:
    heat = nist_html.heatmap(build_report(failing, "high"))
    assert heat.columns == 6 and len(heat.cells) == 19
    cells = {c.cat.cat.id: c for c in heat.cells}
    assert cells["GOVERN 1"].x == cells["MAP 1"].x < cells["MAP 5"].x
    assert cells["MEASURE 2"].assessed == 2
    assert all(c.x + nist_html.CELL_W <= heat.width for c in heat.cells)


def test_severity_bars_scale_to_the_largest(failing: dict[str, Any]) -> None:
    bars = {b.label: b for b in nist_html.severity_bars(build_report(failing, "high"))}
    assert (bars["medium"].count, bars["medium"].width) == (2, nist_html.BAR_W)
    assert bars["critical"].width == nist_html.BAR_W // 2 and bars["high"].width == 0
    assert bars["suppressed"].count == 0 and bars["suppressed"].width == 0


def test_drill_down_has_findings_and_remediation(failing: dict[str, Any]) -> None:
    html = nist_html.render(build_report(suppress_all(failing), "high"))
    assert '<details class="sub" id="MEASURE-2-7">' in html
    assert "Add an aws_s3_bucket_public_access_block for the bucket" in html
    assert "accepted risk: test data" in html
    html = nist_html.render(build_report(failing, "high"))
    assert '<details class="sub" id="MEASURE-2-7" open>' in html
    assert "S3 bucket aws_s3_bucket.models has the public canned ACL &#34;public-read&#34;" in html


def test_hostile_text_is_escaped(failing: dict[str, Any]) -> None:
    results = copy.deepcopy(failing)
    results["findings"][0]["message"] = "<script>alert(1)</script>"
    results["rules"][0]["references"] = ["javascript:alert(1)"]
    html = nist_html.render(build_report(results, "high"))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html

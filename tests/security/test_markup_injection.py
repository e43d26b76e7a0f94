"""#13 item 7, end to end: Markdown we write (the org report, the Action's job summary, the NIST
report) shows repository text as text. Each is rendered as CommonMark with raw HTML enabled (as
GitHub renders a job summary, plus its tables), and no element or attribute may come from the
repository; the org report is also opened in Chromium, where no event handler may run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import REPO_ROOT, git, init_repo, run_cli, write_files

POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\nspec:\n  containers:\n    - name: t\n      image: py:3.11\n"
# A file name that closes a code fence and opens HTML, and one with backticks around a tag.
FENCE_NAME = "k8s/a\n```\n<img src=x onerror=alert(1)>.yaml"
TICKS_NAME = "k8s/``<img src=x onerror=alert(2)>``.yaml"
STAGE = "<img src=x onerror=alert(3)>"
DVC = f'stages:\n  "{STAGE}":\n    cmd: python train.py\n    deps: [train.py]\n    outs: [model.pkl]\n'
BAD_KEY = "<img src=x onerror=alert(4)>"
BAD_IGNORE = f'version: 1\nignores:\n  - rule: X\n    reason: ok\n    "{BAD_KEY}": 1\n'
HOSTILE = {FENCE_NAME: POD, TICKS_NAME: POD, "dvc.yaml": DVC, "train.py": "print(1)\n"}

# What our own templates produce; anything else in the rendered page came from a repository.
TAGS = {"h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "em", "code", "pre"}
TAGS |= {"details", "summary", "b", "blockquote", "br", "hr"}
# The only links the templates write: the ATLAS catalogue and its technique pages.
OUR_LINKS = ("https://atlas.mitre.org/techniques/AML.T", "https://atlas.mitre.org")
ATTRIBUTES = {("open", None), ("class", "language-text")} | {("style", f"text-align:{a}") for a in ("left", "right")}


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def render(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def assert_only_our_markup(markdown: str) -> str:
    page = render(markdown)
    parser = _Markup()
    parser.feed(page)
    for tag, attrs in parser.tags:
        if tag == "a":  # our own links to MITRE ATLAS, never a URL a repository wrote
            assert [name for name, _ in attrs] == ["href"] and (attrs[0][1] or "").startswith(OUR_LINKS), attrs
            continue
        assert tag in TAGS, (tag, attrs)
        assert set(attrs) <= ATTRIBUTES, (tag, attrs)
    return page


def _action(workspace: Path, tmp_path: Path, report: bool) -> str:
    summary = tmp_path / "summary.md"
    summary.write_text("")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "MLCOMPLY_SARIF": str(tmp_path / "out.sarif"),
        "MLCOMPLY_JSON": str(tmp_path / "out.json"),
        "MLCOMPLY_FAIL_ON": "none",
    }
    if report:
        env["MLCOMPLY_REPORT"] = str(tmp_path / "report.md")
    proc = subprocess.run(
        [sys.executable, "-m", "scanner.action"], cwd=workspace, env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return summary.read_text()


def test_action_job_summary_shows_repository_text_as_text(tmp_path: Path) -> None:
    workspace = init_repo(tmp_path / "ws", HOSTILE)
    summary = _action(workspace, tmp_path, report=True)
    assert "MLC-K8S-IMAGE-001" in summary and "MLC-DVC-001" in summary
    page = assert_only_our_markup(summary)
    assert "onerror=alert(1)" in page and "onerror=alert(3)" in page  # shown, as text


def test_console_report_in_the_job_summary_is_one_fence(tmp_path: Path) -> None:
    """When the CLI wrote no NIST report (an older CLI), the summary quotes the console output."""
    from scanner import action

    workspace = init_repo(tmp_path / "ws", HOSTILE)
    proc = run_cli("scan", workspace, "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    page = assert_only_our_markup(action.summary_markdown(None, proc.stdout, None, "<b>base</b>"))
    assert "onerror=alert(1)" in page and "MLC-K8S-IMAGE-001" in page
    assert page.count("<pre>") == 1
    assert "onerror" not in page.split("</pre>", 1)[1]


def test_nist_markdown_report_shows_repository_text_as_text(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo", HOSTILE)
    proc = run_cli("scan", repo, "--report-output", tmp_path / "report.md", "--fail-on", "none")
    assert proc.returncode == 0, proc.stderr
    page = assert_only_our_markup((tmp_path / "report.md").read_text())
    assert "onerror=alert(2)" in page and "onerror=alert(3)" in page


def _org_report(tmp_path: Path) -> str:
    """Two org runs, the second adding hostile file names and a stage; a hostile repository
    name; a repository whose ignore file error names a hostile key."""
    org = tmp_path / "org"
    named = init_repo(org / f"evil\n```\n{BAD_KEY}", {"README.md": "# x\n"})
    init_repo(org / "ignored", {"a.yaml": "a: 1\n", ".mlcomply-ignore.yaml": BAD_IGNORE})
    db = tmp_path / "history.sqlite"
    for run in (1, 2):
        scan = run_cli("org", "scan", "--repos", org, "--db", db, "--workers", "1", "--no-progress")
        assert scan.returncode == 2, scan.stderr  # the ignore file fails its repository
        if run == 1:
            write_files(named, HOSTILE)
            git(named, "add", "-A")
            git(named, "commit", "-qm", "hostile names")
    out = tmp_path / "report.md"
    proc = run_cli("org", "report", "--db", db, "--output", out)
    assert proc.returncode == 0, proc.stderr
    markdown = out.read_text()
    report = run_cli("org", "report", "--db", db, "--output", tmp_path / "report.json")
    assert report.returncode == 0, report.stderr
    new = json.loads((tmp_path / "report.json").read_text())["changes"]["new"]
    assert {f["path"] for f in new} >= {FENCE_NAME, TICKS_NAME, "dvc.yaml"}  # the report lists them
    return markdown


def test_org_markdown_report_shows_repository_text_as_text(tmp_path: Path) -> None:
    page = assert_only_our_markup(_org_report(tmp_path))
    for n in (1, 2, 3, 4):
        assert f"onerror=alert({n})" in page


CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_org_markdown_report_runs_no_handler_in_chromium(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install .[test])")
    page_file = tmp_path / "report.html"
    page_file.write_text("<!doctype html><meta charset=utf-8><body>" + render(_org_report(tmp_path)))
    dialogs: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_file.as_uri(), wait_until="load")
        page.wait_for_timeout(200)  # an onerror handler fires after the failed image load
        images = page.locator("img").count()
        text = page.inner_text("body")
        browser.close()
    assert dialogs == [] and images == 0
    assert requests == [page_file.as_uri()]  # no `src=x` was requested
    assert "onerror=alert(1)" in text and "onerror=alert(4)" in text

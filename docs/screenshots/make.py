"""Screenshots of the console, as a terminal shows them: runs the real CLI with colour forced,
turns its ANSI output into HTML (ansi2html) and photographs the page in headless Chromium
(Playwright driving the system `chromium`, never a downloaded browser).

    pip install -e '.[docs]' && python docs/screenshots/make.py     # at the top of the repository

Writes docs/screenshots/<name>.html and .png for each shot in SHOTS."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
SHOTS = {
    "scan-example": ["scan", "examples/ml-platform", "--format", "text", "--fail-on", "none"],
    "rules-s3-002": ["rules", "MLC-AWS-S3-002"],
}
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]
WIDTH = 1100  # px: about 120 columns of the monospace font below


def run(argv: list[str]) -> str:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120", "MLCOMPLY_DOCS_URL": ""}
    out = subprocess.run([sys.executable, "-m", "scanner", *argv], capture_output=True, text=True, cwd=REPO, env=env)
    prompt = f"\x1b[1;32m$\x1b[0m mlcomply {' '.join(argv)}\n"
    return prompt + out.stdout + f"\x1b[2m(exit {out.returncode})\x1b[0m\n"


def to_html(ansi: str, title: str) -> str:
    from ansi2html import Ansi2HTMLConverter

    conv = Ansi2HTMLConverter(dark_bg=True, title=title, line_wrap=False)
    page = conv.convert(ansi, full=True)
    style = "<style>body{margin:0;padding:16px 20px;font:14px/1.35 'DejaVu Sans Mono',monospace}</style>"
    return page.replace("</head>", style + "</head>", 1)


def _local_only(route: Any) -> None:
    """The page is a local file: any other request (there should be none) is refused."""
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshots: chromium is not installed", file=sys.stderr)
        return 2
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": 600})
        page.route("**/*", _local_only)
        for name, argv in SHOTS.items():
            html_file = OUT / f"{name}.html"
            html_file.write_text(to_html(run(argv), f"mlcomply {' '.join(argv)}"), encoding="utf-8")
            page.goto(html_file.as_uri())
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
            print(f"screenshots: {OUT / name}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

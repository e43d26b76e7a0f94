"""The Jinja2 environment for the report templates shipped in scanner/writers/templates/."""

from __future__ import annotations

import re
from functools import cache

import jinja2

from scanner.writers.escape import md_cell


def anchor(value: str) -> str:
    """`MEASURE 2.7` -> `MEASURE-2-7`, an id safe in HTML and in URLs."""
    return re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("scanner.writers", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_cell
    env.filters["anchor"] = anchor
    return env

"""Colour on a terminal, by severity; never in a pipe or a file, so piped output stays grep-able.

The de-facto conventions: `NO_COLOR` (no-color.org) set to anything turns colour off;
`FORCE_COLOR` set to anything but `0` turns it on even in a pipe (CI logs render ANSI), and wins
over `NO_COLOR` because it is the more specific request. `TERM=dumb` means no colour."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

_RESET = "\033[0m"
_CODES = {
    "critical": "1;37;41",  # bold white on red
    "high": "1;31",
    "medium": "33",
    "low": "36",
    "info": "2",
    "bold": "1",
    "dim": "2",
    "path": "1;4",
}


def use_color(stream: TextIO, env: Mapping[str, str]) -> bool:
    force = env.get("FORCE_COLOR")
    if force is not None and force != "0":
        return True
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Style:
    """`paint(text, name)`: text wrapped in the colour `name`, or left alone without colour."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def paint(self, text: str, name: str) -> str:
        return f"\033[{_CODES[name]}m{text}{_RESET}" if self.color and text else text

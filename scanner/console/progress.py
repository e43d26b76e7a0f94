"""A progress bar on an interactive terminal (tqdm, on stderr) for a scan that takes more than
a second; nothing at all in a pipe, a CI log or with -q, so output stays clean and stable."""

from __future__ import annotations

from typing import Any, TextIO

DELAY_SECONDS = 1.0  # a quick scan never shows a bar


def wanted(stream: TextIO, quiet: bool) -> bool:
    isatty = getattr(stream, "isatty", None)
    return not quiet and bool(isatty and isatty())


class ScanProgress:
    """The `progress(done, total)` callback the pipeline calls before each document."""

    def __init__(self, stream: TextIO, delay: float = DELAY_SECONDS) -> None:
        self.stream, self.delay = stream, delay
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(
                total=total, file=self.stream, delay=self.delay, unit="doc", desc="mlcomply: evaluating", leave=False
            )
        self.bar.update(done + 1 - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

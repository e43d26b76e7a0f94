from __future__ import annotations

import io

import pytest

from scanner.org.outcome import RepoOutcome
from scanner.org.runner import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


OUTCOMES = [RepoOutcome("a", "ok", 0.1), RepoOutcome.failed("b", "timeout", "timed out after 5 s", 5.0)]


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(2, stream)
    for outcome in OUTCOMES:
        progress.update(outcome)
    progress.close()
    assert stream.getvalue().splitlines() == [
        "mlcomply org: [1/2] a: ok",
        "mlcomply org: [2/2] b: timeout: timed out after 5 s",
    ]


def test_bar_on_a_terminal() -> None:
    pytest.importorskip("tqdm")
    stream = _Terminal()
    progress = Progress(2, stream)
    for outcome in OUTCOMES:
        progress.update(outcome)
    progress.close()
    out = stream.getvalue()
    assert "mlcomply org" in out and "2/2" in out and "failed=1" in out and "[1/2]" not in out

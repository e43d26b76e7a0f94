"""tfparse's waits made long or empty in a test: on a few lines tfparse may answer before the
scan's process has done the work it does in the wait (TfparseWorker.idle)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from scanner.terraform import worker

_READ = worker.TfparseWorker._read_line  # as the worker reads, whatever a test patched since


def slow_tfparse(monkeypatch: pytest.MonkeyPatch, on_answer: Callable[[str], None] | None = None) -> None:
    """tfparse as slow as on a large module: each answer is read once this process has no idle
    work left. `on_answer` is called with the worker's role after each answer read."""

    def patient(self: worker.TfparseWorker, stream: object, timeout: float) -> bytes:
        while self.idle is not None and self.idle():
            pass
        self.idle = None
        line = _READ(self, stream, timeout)  # type: ignore[arg-type]
        if on_answer is not None:
            on_answer(self.role)
        return line

    monkeypatch.setattr(worker.TfparseWorker, "_read_line", patient)


def no_idle_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing done in the waits: the idle work is left for later."""

    def impatient(self: worker.TfparseWorker, stream: object, timeout: float) -> bytes:
        self.idle = None
        return _READ(self, stream, timeout)  # type: ignore[arg-type]

    monkeypatch.setattr(worker.TfparseWorker, "_read_line", impatient)

"""The scan's progress bar: on a terminal only, after a delay, gone when the scan ends."""

from __future__ import annotations

import io
from pathlib import Path

from scanner.console.progress import ScanProgress, wanted
from scanner.rulesets import RuleSet
from scanner.scan import scan
from tests.conftest import run_cli, write_files


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal_counts_every_document(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {f"k{i}.yaml": f"a: {i}\n" for i in range(5)})
    stream = _Tty()
    progress = ScanProgress(stream, delay=0)
    result = scan([tmp_path], builtin_rules, progress=progress)
    assert progress.bar is not None and progress.bar.n == progress.bar.total == result.documents
    progress.close()
    assert "mlcomply: evaluating" in stream.getvalue()


def test_a_quick_scan_shows_no_bar(tmp_path: Path, builtin_rules: RuleSet) -> None:
    write_files(tmp_path, {"a.yaml": "a: 1\n"})
    stream = _Tty()
    progress = ScanProgress(stream)  # the default delay: one second
    scan([tmp_path], builtin_rules, progress=progress)
    progress.close()
    assert stream.getvalue() == ""


def test_only_on_a_terminal_and_never_with_quiet() -> None:
    assert wanted(_Tty(), quiet=False)
    assert not wanted(_Tty(), quiet=True)
    assert not wanted(io.StringIO(), quiet=False)


def test_nothing_on_stderr_when_piped(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.yaml": "a: 1\n"})
    out = run_cli("scan", ".", cwd=tmp_path)
    assert out.stderr == "" and out.returncode == 0

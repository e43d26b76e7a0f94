"""Workers and cache from the command line, the trusted config and the defaults."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from scanner import cores as cores_module
from scanner import speed
from scanner.config import parse_config
from scanner.errors import FatalError
from tests.conftest import run_cli


def _args(**given: object) -> argparse.Namespace:
    return argparse.Namespace(**{"jobs": None, "no_cache": False, "cache_dir": None, **given})


def test_command_line_then_config_then_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    repo = tmp_path / "repo"
    repo.mkdir()
    config = parse_config("jobs: 3\ncache:\n  dir: c\n  max_mb: 2\n", "c.yaml", tmp_path)
    notes: list[str] = []
    jobs, cache = speed.settings(_args(), config, [repo], notes)
    assert (jobs, cache.folder, cache.max_bytes) == (3, tmp_path / "c", 2 * 1024 * 1024)  # type: ignore[union-attr]
    jobs, cache = speed.settings(_args(jobs=1, cache_dir=tmp_path / "d"), config, [repo], notes)
    assert (jobs, cache.folder) == (1, tmp_path / "d")  # type: ignore[union-attr]
    jobs, cache = speed.settings(_args(), parse_config("{}", "c.yaml", tmp_path), [repo], notes)
    assert (jobs, cache.folder) == (1, tmp_path / "xdg" / "mlcomply")  # type: ignore[union-attr]
    assert speed.settings(_args(no_cache=True), config, [repo], notes)[1] is None
    off = parse_config("cache:\n  enabled: false\n", "c.yaml", tmp_path)
    assert speed.settings(_args(), off, [repo], notes)[1] is None
    assert notes == []


def test_a_cache_inside_the_scanned_tree_is_refused(tmp_path: Path) -> None:
    notes: list[str] = []
    config = parse_config("cache:\n  dir: repo/.cache\n", "c.yaml", tmp_path)
    (tmp_path / "repo").mkdir()
    assert speed.settings(_args(), config, [tmp_path / "repo"], notes)[1] is None
    assert notes and "inside the scanned tree" in notes[0]


@pytest.mark.parametrize("text", ["jobs: 0\n", "jobs: many\n", "cache:\n  where: x\n", "cache:\n  max_mb: 0\n"])
def test_bad_settings_are_config_errors(tmp_path: Path, text: str) -> None:
    with pytest.raises(FatalError, match=r"read config c\.yaml"):
        parse_config(text, "c.yaml", tmp_path)


def test_auto_is_one_lane_per_two_usable_cores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default uses every usable core: a lane (a scan process and its tfparse process) keeps
    about two busy, so 2 cores get one lane (all in this process) and 8 cores four."""
    repo = tmp_path / "repo"
    repo.mkdir()
    empty = parse_config("{}", "c.yaml", tmp_path)
    for cores, lanes in ((1, 1), (2, 1), (3, 1), (4, 2), (8, 4), (64, 32)):
        monkeypatch.setattr(cores_module.os, "sched_getaffinity", lambda _pid, n=cores: set(range(n)))
        assert speed.settings(_args(no_cache=True), empty, [repo], [])[0] == lanes
        assert speed.settings(_args(jobs="auto", no_cache=True), empty, [repo], [])[0] == lanes
        auto = parse_config("jobs: auto\n", "c.yaml", tmp_path)
        assert speed.settings(_args(no_cache=True), auto, [repo], [])[0] == lanes
        assert speed.settings(_args(jobs=3, no_cache=True), auto, [repo], [])[0] == 3


def test_jobs_on_the_command_line() -> None:
    bad = run_cli("scan", "--jobs", "lots", ".")
    assert bad.returncode == 2 and "expected auto or a whole number of at least 1, got 'lots'" in bad.stderr
    assert "N|auto" in run_cli("scan", "--help").stdout

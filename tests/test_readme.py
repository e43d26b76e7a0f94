"""README.md is the contract: its set-up command works on a fresh clone with nothing beside it,
CI runs its test command as written, every flag of every command is documented, and nothing
in the project reaches for a folder beside the checkout (../shared)."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from scanner.cli import _parser
from tests.conftest import REPO_ROOT, run_cli
from tests.scripts import load_script

README = REPO_ROOT / "README.md"


def _extractor() -> ModuleType:
    """.ci/readme_command.py, the one reader of the README's commands (CI runs it too)."""
    return load_script(".ci/readme_command.py")


def test_the_readme_marks_one_setup_and_one_test_command() -> None:
    found = _extractor().commands(README.read_text())
    assert set(found) == {"setup", "test"}
    assert "mlcomply scan examples/ml-platform" in found["setup"]
    assert "pip install -e '.[test]'" in found["test"] and "pytest" in found["test"]


def test_a_command_marked_twice_is_an_error() -> None:
    text = "<!-- readme-command: test -->\n```sh\na\n```\n<!-- readme-command: test -->\n```sh\nb\n```\n"
    with pytest.raises(ValueError, match="marked twice"):
        _extractor().commands(text)


def test_the_readme_shows_what_a_failing_scan_prints_and_exits_with() -> None:
    shown = re.search(
        r"\$ \.venv/bin/mlcomply scan examples/ml-platform -q; echo \"exit \$\?\"\n(.*)\nexit (\d)", README.read_text()
    )
    assert shown, "the README's example of a failing scan is gone"
    out = run_cli("scan", "examples/ml-platform", "-q", cwd=REPO_ROOT)
    assert out.stdout.strip() == shown.group(1), (
        "the README shows another result for the example than the scan gives now (rules were added or "
        f"changed?): put `{out.stdout.strip()}` under `## Set up` in README.md"
    )
    assert out.returncode == int(shown.group(2)) == 1


def _python_shim(bin_dir: Path) -> None:
    """`python3` for the README command: no network here, so a venv it creates sees the
    dependencies this test run already has (a .pth line, appended after the venv's own
    site-packages: the clone's `pip install .` still installs and wins), and pip builds offline
    with this run's hatchling. Everything else is the README's command as written."""
    deps = next(p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir())
    bin_dir.mkdir()
    shim = bin_dir / "python3"
    shim.write_text(
        "#!/bin/sh\n"
        f'"{sys.executable}" "$@" || exit $?\n'
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n'
        f'  for site in "$3"/lib/python*/site-packages; do echo "{deps}" > "$site/_test_deps.pth"; done\n'
        "fi\n"
    )
    shim.chmod(0o755)


def test_the_readme_setup_command_works_on_a_fresh_clone_with_nothing_beside_it(tmp_path: Path) -> None:
    empty = tmp_path / "empty"  # the clone's parent holds nothing else: no ../shared
    empty.mkdir()
    subprocess.run(["git", "clone", "-q", str(REPO_ROOT), str(empty / "mlcomply")], check=True)
    clone = empty / "mlcomply"
    command = _extractor().commands((clone / "README.md").read_text())["setup"]
    _python_shim(tmp_path / "shim")
    env = {
        "PATH": f"{tmp_path / 'shim'}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path / "home"),
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip reads this negated: 0 = build without isolation
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "AWS_EC2_METADATA_DISABLED": "true",
        "LANG": "C.UTF-8",
    }
    out = subprocess.run(["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    assert os.listdir(empty) == ["mlcomply"]
    assert re.search(r"mlcomply: [1-9]\d* finding\(s\)", out.stdout), out.stdout[-2000:]
    assert "MLC-AWS-S3-002" in out.stdout and "Traceback" not in out.stderr
    # The scan ran the clone's installed copy, not this checkout.
    where = subprocess.run(
        [str(clone / ".venv" / "bin" / "python"), "-c", "import scanner; print(scanner.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert where.stdout.startswith(str(clone / ".venv")), where.stdout


def _flags(parser: argparse.ArgumentParser, name: str = "mlcomply") -> dict[str, set[str]]:
    """Every long option of every (sub)command, by command name."""
    out: dict[str, set[str]] = {name: set()}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                out.update(_flags(sub, f"{name} {sub_name}"))
        else:
            out[name].update(o for o in action.option_strings if o.startswith("--") and o != "--help")
    return out


def test_every_flag_of_every_command_is_in_the_readme() -> None:
    readme = README.read_text()
    missing = sorted(
        f"{cmd} {flag}"
        for cmd, flags in _flags(_parser()).items()
        for flag in flags
        if not re.search(re.escape(flag) + r"(?![\w-])", readme)
    )
    assert not missing, f"flags in --help but not in README.md: {missing}"


def test_every_command_has_a_section_in_the_readme() -> None:
    readme = README.read_text()
    for command in _flags(_parser()):
        words = command.split()
        if len(words) >= 2:
            assert f"### `mlcomply {words[1]}`" in readme, command
        if len(words) == 3:
            assert f"{words[1]} {words[2]}" in readme, command


def test_nothing_in_the_project_refers_to_a_folder_beside_the_checkout() -> None:
    # A path into the folder beside the checkout, in the spellings the pattern lists (a Terraform
    # module source "../shared" inside a test's tmp repo is fine). This file names them, and the
    # guard names the folder it forbids: both skipped.
    pattern = re.compile(r"\.\./shared/|/work/share[d]|['\"]shared['\"]\s*/|/\s*['\"]shared['\"]|shared/(data|sarif)")
    offenders = []
    for folder in ("tests", "scanner", "bench"):
        for path in sorted((REPO_ROOT / folder).rglob("*")):
            if (
                path.is_file()
                and path not in (Path(__file__).resolve(), (REPO_ROOT / "tests" / "containment.py").resolve())
                and path.suffix in {".py", ".json", ".yaml", ".yml", ".md", ".toml", ".txt", ".sh"}
            ):
                offenders += [
                    f"{path.relative_to(REPO_ROOT)}: {m.group(0)}"
                    for m in pattern.finditer(path.read_text(errors="replace"))
                ]
    assert not offenders, offenders


def test_the_guard_against_reading_beside_the_checkout_is_installed(tmp_path: Path) -> None:
    from tests import containment

    beside = REPO_ROOT.parent / "shared" / "data.json"
    with contextlib.suppress(OSError):  # the audit hook sees the attempt whether or not the file exists
        beside.open().close()
    assert str(os.path.realpath(beside)) in containment.take()
    with contextlib.suppress(OSError):  # listing a folder beside the checkout is caught too
        os.listdir(beside.parent)
    assert str(os.path.realpath(beside.parent)) in containment.take()
    (tmp_path / "ok").write_text("x")
    (tmp_path / "ok").read_text()
    assert containment.take() == []

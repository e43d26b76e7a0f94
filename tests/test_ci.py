"""CI runs the README's test command, read from the README (the hand-over rule for every session)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO_ROOT


def test_ci_runs_the_readme_test_command_read_from_the_readme() -> None:
    ci = (REPO_ROOT / ".ci" / "run").read_text()
    out = subprocess.run(
        [sys.executable, str(REPO_ROOT / ".ci" / "readme_command.py"), "test"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "pytest" in out.stdout
    assert 'test_command="$(python3 .ci/readme_command.py test)"' in ci
    assert ci.rstrip().splitlines()[-1] == 'bash -euo pipefail -c "$test_command"'
    # No second, hand-copied test command that could drift from the README.
    assert "pytest" not in ci.replace("readme_command.py test", "")

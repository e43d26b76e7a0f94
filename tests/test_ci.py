"""CI runs exactly the README's test command (the hand-over rule for every session)."""

from __future__ import annotations

import re

from tests.conftest import REPO_ROOT


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.S)
    test_cmd = next(b.strip() for b in blocks if "pytest" in b)
    ci_lines = [line.strip() for line in (REPO_ROOT / ".ci" / "run").read_text().splitlines()]
    assert ci_lines[-1] == test_cmd

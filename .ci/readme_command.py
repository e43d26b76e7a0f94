"""Print one of README.md's marked shell commands: the README is the contract, and CI and the
tests run the command as written there, never a copy.

A command is the ```sh block right after a `<!-- readme-command: NAME -->` line.
Usage: python3 .ci/readme_command.py NAME [README]  (stdlib only: it runs before any install)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

_BLOCK = re.compile(r"<!-- readme-command: ([a-z-]+) -->\s*\n```sh\n(.*?)```", re.S)


def commands(readme: str) -> dict[str, str]:
    """Every marked command by name; a name marked twice is an error (which one would CI run?)."""
    found: dict[str, str] = {}
    for name, body in _BLOCK.findall(readme):
        if name in found:
            raise ValueError(f"read README commands: {name!r} is marked twice")
        found[name] = body.strip()
    return found


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print("usage: readme_command.py NAME [README]", file=sys.stderr)
        return 2
    readme = Path(argv[1]) if len(argv) == 2 else Path(__file__).resolve().parent.parent / "README.md"
    found = commands(readme.read_text(encoding="utf-8"))
    if argv[0] not in found:
        print(f"read README commands: no command marked {argv[0]!r} in {readme}", file=sys.stderr)
        return 2
    print(found[argv[0]])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

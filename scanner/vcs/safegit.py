"""Every git call of mlcomply: with the scanned repository's own configuration neutralised.

A scanned checkout is untrusted, and so is the configuration git reads from it (`.git/config`
and its includes): git runs programs named there. `core.fsmonitor` runs on every command that
looks at the working tree; hooks run on checkout; `filter.<driver>.clean/smudge/process` run
whenever file content passes between the object store and the working tree (checkout, status,
diff against the working tree); `diff.<driver>.textconv` and external diff drivers run when a
patch is made; Git LFS fetches objects over the network on checkout. Here:

- `-c core.fsmonitor= -c core.hooksPath=/dev/null` on the command line (an empty value is
  "false" for fsmonitor; hooks are looked up in an empty directory);
- every filter driver defined in any config scope gets empty clean/smudge/process commands
  through GIT_CONFIG_COUNT/KEY/VALUE (which, unlike `-c`, takes a driver name holding `=`);
  a driver only runs when config gives it a command, so listing the config's drivers is
  complete whatever the attributes name;
- patches are made with `--no-textconv --no-ext-diff` (PATCH_OPTIONS);
- GIT_LFS_SKIP_SMUDGE=1 and `protocol.ext.allow=never`: no LFS fetch, no `ext::` transport;
  GIT_TERMINAL_PROMPT=0: nothing waits for a password.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import git

OPTIONS: tuple[str, ...] = (
    "-c",
    "core.fsmonitor=",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "protocol.ext.allow=never",
)
PATCH_OPTIONS: tuple[str, ...] = ("--no-textconv", "--no-ext-diff")
FIXED_ENV: Mapping[str, str] = {"GIT_LFS_SKIP_SMUDGE": "1", "GIT_TERMINAL_PROMPT": "0"}
_FILTER_COMMANDS = ("clean", "smudge", "process")


@lru_cache(maxsize=64)
def filter_drivers(cwd: str | None) -> tuple[str, ...]:
    """Names of the filter drivers the effective config at `cwd` gives a command to (system,
    global, repository, worktree and included files alike). `git config --list` runs none."""
    try:
        out = subprocess.run(
            ["git", *_at(cwd), *OPTIONS, "config", "--list", "-z"],
            capture_output=True,
            check=False,
            env={**os.environ, **FIXED_ENV},
        )
    except OSError:
        return ()
    names = {"lfs"}  # Git LFS installs itself globally; name it even when this config does not
    for item in out.stdout.split(b"\0"):
        key = item.split(b"\n", 1)[0].decode("utf-8", "surrogateescape")
        section, _, rest = key.partition(".")
        name, _, variable = rest.rpartition(".")
        if section.lower() == "filter" and name and variable.lower() in _FILTER_COMMANDS:
            names.add(name)
    return tuple(sorted(names))


def neutral_env(cwd: Path | str | None, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables to add to `base` (default: this process's environment) for a git call at
    `cwd`: the fixed ones, and the filter overrides appended to any GIT_CONFIG_COUNT already set."""
    base = os.environ if base is None else base
    count = int(base.get("GIT_CONFIG_COUNT") or 0)
    env = dict(FIXED_ENV)
    for name in filter_drivers(None if cwd is None else str(cwd)):
        pairs = [(f"filter.{name}.{cmd}", "") for cmd in _FILTER_COMMANDS] + [(f"filter.{name}.required", "false")]
        for key, value in pairs:
            env[f"GIT_CONFIG_KEY_{count}"] = key
            env[f"GIT_CONFIG_VALUE_{count}"] = value
            count += 1
    env["GIT_CONFIG_COUNT"] = str(count)
    return env


def _at(cwd: Path | str | None) -> list[str]:
    return [] if cwd is None else ["-C", str(cwd)]


def run(cwd: Path | str | None, *args: str, env: Mapping[str, str] | None = None, **kwargs: Any) -> Any:
    """`git -C cwd <neutralising options> args...` with captured output (bytes unless text=True)."""
    base = {**os.environ, **(env or {})}
    return subprocess.run(
        ["git", *_at(cwd), *OPTIONS, *args],
        capture_output=True,
        check=False,
        env={**base, **neutral_env(cwd, base)},
        **kwargs,
    )


def repo(path: Path | str, search_parent_directories: bool = False) -> git.Repo:
    """A GitPython repository whose every git call (its own and GitPython's internal ones)
    carries the neutralising options and environment. GitPython is imported here, on use: its
    import costs ~100 ms, most of a pre-commit run that never needs it."""
    import git

    r = git.Repo(path, search_parent_directories=search_parent_directories)
    r.git.set_persistent_git_options(c=[OPTIONS[i] for i in range(1, len(OPTIONS), 2)])
    r.git.update_environment(**neutral_env(r.working_tree_dir or r.git_dir))
    return r

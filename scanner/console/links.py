"""Where a rule's documentation page is: `docs/rules/<ID>.md` in the repository, at the tag of
the installed version, so a link never points at a page written for another release.

`MLCOMPLY_DOCS_URL` (the runner's environment, trusted) replaces the base, e.g. for a mirror or
an internal fork: `https://git.example.com/sec/mlcomply/blob/main/docs/rules/`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from scanner import __version__
from scanner.builtin import is_builtin
from scanner.metadata import RuleMeta

REPOSITORY = "https://github.com/mlcomply/mlcomply"
DEFAULT_BASE = f"{REPOSITORY}/blob/v{__version__}/docs/rules/"


def docs_base(env: Mapping[str, str] | None = None) -> str:
    base = (os.environ if env is None else env).get("MLCOMPLY_DOCS_URL") or DEFAULT_BASE
    return base if base.endswith("/") else base + "/"


def doc_url(meta: RuleMeta, env: Mapping[str, str] | None = None) -> str | None:
    """The page of a built-in rule; None for a user's rule (we publish no page for it) and for
    rules of an external engine (checkov ids), whose metadata points at their own guides."""
    if meta.engine not in ("rego", "python") or not meta.source or not is_builtin(Path(meta.source)):
        return None
    return f"{docs_base(env)}{meta.id}.md"

"""The pages under docs/rules/ for every built-in rule, and the check that they are current."""

from __future__ import annotations

from pathlib import Path

from scanner.metadata import RuleMeta
from scanner.ruledocs.examples import examples_for
from scanner.ruledocs.render import index_markdown, rule_markdown

COMMAND = "python -m scanner.ruledocs"
INDEX = "README.md"


def pages(metas: list[RuleMeta]) -> dict[str, str]:
    """File name -> content, for every rule and the index."""
    out = {f"{m.id}.md": rule_markdown(m, examples_for(m)) for m in metas}
    out[INDEX] = index_markdown(metas)
    return out


def stale(folder: Path, metas: list[RuleMeta]) -> list[str]:
    """Pages missing, different, or left over from a rule that is gone."""
    want = pages(metas)
    have = {p.name for p in folder.glob("*.md")} if folder.is_dir() else set()
    out = [name for name, text in want.items() if name not in have or (folder / name).read_text() != text]
    return sorted(out + [name for name in have - set(want)])


def write(folder: Path, metas: list[RuleMeta]) -> int:
    """Writes every page (and removes pages of rules that are gone); returns how many changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = stale(folder, metas)
    want = pages(metas)
    for name in changed:
        if name in want:
            (folder / name).write_text(want[name], encoding="utf-8")
        else:
            (folder / name).unlink()
    return len(changed)

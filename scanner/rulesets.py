"""The rules of a run: built-in plus the folders the user named, validated once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner import formats
from scanner.builtin import builtin_dir
from scanner.engines.python import LoadedRule, load_python_rules
from scanner.engines.rego import RegoEngine, RegoRule
from scanner.errors import FatalError
from scanner.metadata import RuleMeta, check_unique


@dataclass
class RuleSet:
    rego: RegoEngine
    python: list[LoadedRule]

    @property
    def metas(self) -> list[RuleMeta]:
        metas = [r.meta for r in self.rego.rules] + [r.meta for r in self.python]
        return sorted(metas, key=lambda m: m.id)

    def active_rego(self, kind: str, has_text: bool) -> list[RegoRule]:
        return [r for r in self.rego.rules if _applies(r.meta, kind, has_text)]

    def active_python(self, kind: str, has_text: bool) -> list[LoadedRule]:
        return [r for r in self.python if _applies(r.meta, kind, has_text)]

    def skip(self, rule_ids: Sequence[str], source: str = "config") -> None:
        """Drop rules the user's config turns off (by id or alias); unknown ids are an error."""
        if not rule_ids:
            return
        names = {n: m.id for m in self.metas for n in (m.id, *m.aliases)}
        unknown = sorted(set(rule_ids) - names.keys())
        if unknown:
            raise FatalError(f"read config {source}: skip_rules: no such rule(s): {', '.join(unknown)}")
        drop = {names[r] for r in rule_ids}
        self.rego.rules = [r for r in self.rego.rules if r.meta.id not in drop]
        self.python = [r for r in self.python if r.meta.id not in drop]

    def consumed_kinds(self) -> set[str]:
        return {k for m in self.metas if not m.deprecated for k in m.input_kinds}


def _applies(meta: RuleMeta, kind: str, has_text: bool) -> bool:
    if meta.deprecated:
        return False
    return kind in meta.input_kinds or (has_text and formats.ANY_TEXT in meta.input_kinds)


def load_ruleset(policy_dirs: Sequence[Path] = (), rules_dirs: Sequence[Path] = (), builtin: bool = True) -> RuleSet:
    # The shared Rego library is always loaded: user policies may import data.lib.*.
    rego_dirs = [builtin_dir("rego") if builtin else builtin_dir("rego") / "lib", *policy_dirs]
    py_dirs = [builtin_dir("rules"), *rules_dirs] if builtin else list(rules_dirs)
    kinds = formats.kinds()
    ruleset = RuleSet(RegoEngine(rego_dirs, kinds), load_python_rules(py_dirs, kinds))
    check_unique(ruleset.metas)
    return ruleset

"""The rules of a run: built-in plus the folders the user named, validated once."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scanner import formats
from scanner.builtin import builtin_dir
from scanner.engines import ruleindex
from scanner.engines.python import LoadedRule, load_python_rules
from scanner.engines.rego import RegoBackend, RegoEngine, RegoRule
from scanner.errors import FatalError
from scanner.metadata import DEFAULT_PROFILE, PROFILES, RuleMeta, check_unique

if TYPE_CHECKING:
    from scanner.config import Config


@dataclass
class RuleSet:
    rego: RegoEngine
    python: list[LoadedRule]
    # How load_ruleset built it (Rego folders, Python folders), so a worker process can build the
    # same set; None with a custom Rego backend (an OPA server), which stays in this process.
    origin: tuple[tuple[Path, ...], tuple[Path, ...]] | None = None

    @property
    def metas(self) -> list[RuleMeta]:
        metas = [r.meta for r in self.rego.rules] + [r.meta for r in self.python]
        return sorted(metas, key=lambda m: m.id)

    def active_rego(self, kind: str, has_text: bool) -> list[RegoRule]:
        return [r for r in self.rego.rules if _applies(r.meta, kind, has_text)]

    def active_python(self, kind: str, has_text: bool) -> list[LoadedRule]:
        return [r for r in self.python if _applies(r.meta, kind, has_text)]

    def configure(self, config: Config, source: str, profile: str | None = None) -> None:
        """Apply a config's rule choice: `select_rules` first, then `skip_rules`, then the profile
        (`profile`, from the command line, wins over the config's)."""
        chosen = self._resolve(config.select_rules, "select_rules", source) if config.select_rules else set()
        self.select(config.select_rules, source)
        self.skip(config.skip_rules, source)
        self.apply_profile(profile or config.profile or DEFAULT_PROFILE, chosen)

    def apply_profile(self, profile: str, chosen: Collection[str] = ()) -> None:
        """Drop the rules of profiles other than `profile`, except those `chosen` by id: a rule
        the config's `select_rules` names runs whatever the profile."""
        if profile not in PROFILES:
            raise FatalError(f"choose rules: unknown profile {profile!r}; known profiles are {', '.join(PROFILES)}")
        if profile == "strict":
            return  # strict is a superset: every rule runs
        default = {m.id for m in self.metas if m.profile == DEFAULT_PROFILE}
        self._keep(lambda rule_id: rule_id in default or rule_id in chosen)

    def select(self, rule_ids: Sequence[str], source: str = "config") -> None:
        """Keep only the rules the user's config names (`select_rules`), by id or alias."""
        if rule_ids:
            keep = self._resolve(rule_ids, "select_rules", source)
            self._keep(lambda rule_id: rule_id in keep)

    def skip(self, rule_ids: Sequence[str], source: str = "config") -> None:
        """Drop rules the user's config turns off (`skip_rules`), by id or alias."""
        if rule_ids:
            drop = self._resolve(rule_ids, "skip_rules", source)
            self._keep(lambda rule_id: rule_id not in drop)

    def _resolve(self, rule_ids: Sequence[str], key: str, source: str) -> set[str]:
        """Rule ids for ids or aliases; an unknown one is an error, not a silent no-op."""
        names = {n: m.id for m in self.metas for n in (m.id, *m.aliases)}
        unknown = sorted(set(rule_ids) - names.keys())
        if unknown:
            raise FatalError(f"read config {source}: {key}: no such rule(s): {', '.join(unknown)}")
        return {names[r] for r in rule_ids}

    def _keep(self, wanted: Callable[[str], bool]) -> None:
        self.rego.rules = [r for r in self.rego.rules if wanted(r.meta.id)]
        self.python = [r for r in self.python if wanted(r.meta.id)]

    def consumed_kinds(self) -> set[str]:
        return {k for m in self.metas if not m.deprecated for k in m.input_kinds}


def _applies(meta: RuleMeta, kind: str, has_text: bool) -> bool:
    if meta.deprecated:
        return False
    return kind in meta.input_kinds or (has_text and formats.ANY_TEXT in meta.input_kinds)


def load_ruleset(
    policy_dirs: Sequence[Path] = (),
    rules_dirs: Sequence[Path] = (),
    builtin: bool = True,
    rego_backend: RegoBackend | None = None,
    use_index: bool = True,
) -> RuleSet:
    """`use_index` False reads every rule the slow way (what the index is built from)."""
    # The shared Rego library is always loaded: user policies may import data.lib.*.
    rego_dirs = [builtin_dir("rego") if builtin else builtin_dir("rego") / "lib", *policy_dirs]
    py_dirs = [builtin_dir("rules"), *rules_dirs] if builtin else list(rules_dirs)
    kinds = formats.kinds()
    index = ruleindex.load(kinds) if use_index else None
    origin = None if rego_backend is not None else (tuple(rego_dirs), tuple(py_dirs))
    rego = RegoEngine(rego_dirs, kinds, rego_backend, index)
    ruleset = RuleSet(rego, load_python_rules(py_dirs, kinds, index), origin)
    check_unique(ruleset.metas)
    return ruleset

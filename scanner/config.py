"""The user's config file (`--config F`): settings the command line may also give."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanner.errors import FatalError
from scanner.loaders.budgets import SCHEMA as BUDGETS_SCHEMA
from scanner.loaders.budgets import Budgets, from_config
from scanner.metadata import PROFILES
from scanner.provenance.vocabulary import SCHEMA as VOCABULARY_SCHEMA
from scanner.provenance.vocabulary import Vocabulary
from scanner.schema_errors import first_violation
from scanner.severity import SEVERITIES
from scanner.walk import open_named

_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "fail_on": {"enum": [*SEVERITIES, "none"]},
        "policy_dirs": {"type": "array", "items": {"type": "string"}},
        "rules_dirs": {"type": "array", "items": {"type": "string"}},
        "max_file_bytes": {"type": "integer", "minimum": 1},
        "select_rules": {"type": "array", "items": {"type": "string"}},
        "skip_rules": {"type": "array", "items": {"type": "string"}},
        "rule_options": {"type": "object", "additionalProperties": {"type": "object"}},
        "inline_ignores": {"enum": ["allow", "forbid"]},
        "require_reason": {"type": "boolean"},
        "ignore_file": {"type": "string"},
        "budgets": BUDGETS_SCHEMA,
        "fail_on_scan_errors": {"type": "boolean"},
        "provenance": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"vocabulary": VOCABULARY_SCHEMA},
        },
        "fingerprint_key_env": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
        "profile": {"enum": list(PROFILES)},
        "exclude": {"type": "array", "items": {"type": "string"}},
        "demote_vendored": {"type": "boolean"},
        "jobs": {"anyOf": [{"type": "integer", "minimum": 1}, {"const": "auto"}]},
        "cache": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "enabled": {"type": "boolean"},
                "dir": {"type": "string"},
                "max_mb": {"type": "integer", "minimum": 1},
            },
        },
    },
}


@dataclass
class Config:
    fail_on: str | None = None
    policy_dirs: list[Path] = field(default_factory=list)
    rules_dirs: list[Path] = field(default_factory=list)
    max_file_bytes: int | None = None
    select_rules: list[str] = field(default_factory=list)  # when set, only these rules run
    skip_rules: list[str] = field(default_factory=list)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    inline_ignores: str = "allow"  # allow | forbid (`mlcomply:ignore` comments)
    require_reason: bool = False  # an inline ignore without a reason is not honoured
    ignore_file: Path | None = None  # default: .mlcomply-ignore.yaml at the scan root
    budgets: Budgets = field(default_factory=Budgets)  # depth, size, time, work
    # In diff and --files-only scans, a scan error on a file the change touches fails the gate.
    fail_on_scan_errors: bool = True
    # Terms that name models, datasets, code, roles and digests in provenance records, added to
    # the defaults (`provenance.vocabulary`; documented in the README).
    provenance_vocabulary: Vocabulary = field(default_factory=Vocabulary)
    # The NAME of the environment variable holding the key of secret fingerprints (HMAC-SHA256;
    # see scanner.fingerprints). Only the trusted config names it: a change cannot pick its own.
    fingerprint_key_env: str | None = None
    # "strict" adds the policy-choice rules (metadata `profile: strict`); None: the command line's
    # --profile, else "default". In a diff scan it is read at the merge base like the rest.
    profile: str | None = None
    # gitignore-style patterns of files not reported on (still loaded as context); see
    # scanner.filters.exclude. Findings in vendored or generated files are reported at low
    # unless demote_vendored is false (scanner.placement).
    exclude: list[str] = field(default_factory=list)
    demote_vendored: bool = True
    # Worker processes (None: every usable core) and the Terraform results cache (scanner.cache).
    jobs: int | str | None = None  # a number, or "auto" (scanner.speed)
    cache_enabled: bool = True
    cache_dir: Path | None = None
    cache_max_mb: int | None = None


def load_config(path: Path | None, root: Path | None = None) -> Config:
    """The config at `path`. `root` is the scan root when the file may lie in the scanned tree
    (the Action's `config:` input names one): there it is read through the guarded open, so a
    link in the tree is refused. Without a root (org scans) the config is the user's own file."""
    if path is None:
        return Config()
    try:
        with open_named(root, path) if root is not None else path.open("rb") as fh:
            text = fh.read().decode("utf-8")
    except UnicodeDecodeError:
        raise FatalError(f"read config {path}: not valid UTF-8") from None
    except OSError as exc:
        raise FatalError(f"read config {path}: {exc.strerror}") from None
    return parse_config(text, str(path), path.resolve().parent)


def parse_config(text: str, path: str, base: Path) -> Config:
    """A config's text (read from disk, or from the merge base); folders in it are relative to
    `base`, the config file's folder, as in pre-commit and ruff. `path` as shown in messages."""
    import yaml  # here: most runs have no config file, and YAML is ~15 ms of the hook's start-up

    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f": line {mark.line + 1}" if mark else ""
        raise FatalError(f"read config {path}{where}: not valid YAML") from None
    import jsonschema  # only when a config file is given: its import alone costs ~140 ms

    violation = first_violation(jsonschema.Draft202012Validator(_SCHEMA), raw)
    if violation:
        raise FatalError(f"read config {path}: {violation[1]}")
    return Config(
        fail_on=raw.get("fail_on"),
        policy_dirs=[base / p for p in raw.get("policy_dirs", [])],
        rules_dirs=[base / p for p in raw.get("rules_dirs", [])],
        max_file_bytes=raw.get("max_file_bytes"),
        select_rules=list(raw.get("select_rules", [])),
        skip_rules=list(raw.get("skip_rules", [])),
        rule_options=dict(raw.get("rule_options", {})),
        inline_ignores=raw.get("inline_ignores", "allow"),
        require_reason=bool(raw.get("require_reason", False)),
        ignore_file=base / raw["ignore_file"] if "ignore_file" in raw else None,
        budgets=from_config(raw.get("budgets")),
        fail_on_scan_errors=bool(raw.get("fail_on_scan_errors", True)),
        provenance_vocabulary=Vocabulary().extended(raw.get("provenance", {}).get("vocabulary")),
        fingerprint_key_env=raw.get("fingerprint_key_env"),
        profile=raw.get("profile"),
        exclude=list(raw.get("exclude", [])),
        demote_vendored=bool(raw.get("demote_vendored", True)),
        jobs=raw.get("jobs"),
        cache_enabled=bool(raw.get("cache", {}).get("enabled", True)),
        cache_dir=base / raw["cache"]["dir"] if "dir" in raw.get("cache", {}) else None,
        cache_max_mb=raw.get("cache", {}).get("max_mb"),
    )

"""A prebuilt index of the built-in rules (rules/index.json): each rule's validated metadata and
where it lives, so that a run knows all ~280 rules without importing ~25 Python rule modules or
parsing 200 METADATA blocks, and then imports or compiles only the rules its documents need.
That is most of the pre-commit hook's budget: a commit touching three .tf files needs the
Terraform rules and the secrets rule, not the notebook, provenance or model-artifact ones.

The index is data about files that ship beside it, and it can go stale while someone edits a
rule. So every entry carries the SHA-256 of each file its metadata came from (the rule file and,
for a Python rule, the modules of its base classes), and the whole index the SHA-256 of the code
that turns declarations into metadata (the schema of RuleMeta, the ATLAS list, the loader kinds).
An entry whose files changed is ignored: that file is read the slow way, exactly as without an
index. `python -m scanner.ruledocs` rewrites it with the rule pages; `--check` fails when stale.
Only the built-in folders are indexed: a user's rules are always imported and compiled up front,
so that their errors come before the scan.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanner.builtin import builtin_dir
from scanner.metadata import RuleMeta

if TYPE_CHECKING:
    from scanner.rulesets import RuleSet

INDEX_NAME = "index.json"
VERSION = 1
_PACKAGE = Path(__file__).resolve().parent.parent  # scanner/
# The code and data that decide what a declaration's RuleMeta is: a change to any of them makes
# every entry's metadata suspect.
_META_SOURCES = ("metadata.py", "pyrules.py", "engines/rego_metadata.py", "atlas/techniques.json")
_META_FIELDS = tuple(f.name for f in fields(RuleMeta) if f.name not in ("engine", "source"))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(kinds: Iterable[str]) -> str:
    h = hashlib.sha256()
    for rel in _META_SOURCES:
        h.update(rel.encode() + b"\0" + (_PACKAGE / rel).read_bytes() + b"\0")
    h.update(json.dumps(sorted(kinds)).encode())
    return h.hexdigest()


def meta_fields(meta: RuleMeta) -> dict[str, Any]:
    return {name: getattr(meta, name) for name in _META_FIELDS}


def meta_of(stored: Mapping[str, Any], engine: str, source: str) -> RuleMeta:
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in stored.items()}
    return RuleMeta(**values, engine=engine, source=source)


@dataclass(frozen=True)
class RegoEntry:
    package: str
    library: bool
    meta: Mapping[str, Any] | None  # validated fields; None for a library
    eager: bool  # compiled up front, like a library (it reads another rule's package)


@dataclass(frozen=True)
class PythonEntry:
    rules: tuple[tuple[str, Mapping[str, Any]], ...]  # (class name, validated fields), in RULES order


class RuleIndex:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self._rego: Mapping[str, Any] = data["rego"]
        self._python: Mapping[str, Any] = data["python"]
        self._rego_dir = builtin_dir("rego").resolve()
        self._rules_dir = builtin_dir("rules").resolve()
        self._roots = _roots()
        # `root:path` -> its SHA-256 now (None: unreadable). The base classes' modules are shared
        # (every rule module names scanner/pyrules.py): each is read and hashed once per run.
        self._digests: dict[str, str | None] = {}

    def rego(self, path: Path, text: str) -> RegoEntry | None:
        """The entry of a built-in policy whose text is the one indexed; else None."""
        entry = self._rego.get(_relative(path, self._rego_dir) or "")
        if entry is None or entry["sha256"] != sha256(text.encode("utf-8")):
            return None
        return RegoEntry(entry["package"], entry["library"], entry["meta"], entry["eager"])

    def python(self, path: Path) -> PythonEntry | None:
        """The entry of a built-in rule module whose file and base classes' modules are the ones
        indexed; else None."""
        entry = self._python.get(_relative(path, self._rules_dir) or "")
        if entry is None or not self._unchanged({f"rules:{entry['file']}": entry["sha256"], **entry["sources"]}):
            return None
        return PythonEntry(tuple((r["class"], r["meta"]) for r in entry["rules"]))

    def _unchanged(self, hashes: Mapping[str, str]) -> bool:
        """Each `root:path` file still has its SHA-256."""
        return all(self._digest(key) == digest for key, digest in hashes.items())

    def _digest(self, key: str) -> str | None:
        if key not in self._digests:
            name, _, rel = key.partition(":")
            try:
                self._digests[key] = sha256((self._roots[name] / rel).read_bytes())
            except (OSError, KeyError):
                self._digests[key] = None
        return self._digests[key]


def load(kinds: Iterable[str]) -> RuleIndex | None:
    """The shipped index, or None when it is missing, unreadable, of another version or built by
    other metadata code (then every rule is read the slow way)."""
    try:
        data = json.loads(path().read_text(encoding="utf-8"))
        if data.get("version") != VERSION or data.get("fingerprint") != fingerprint(kinds):
            return None
        return RuleIndex(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def build(
    rego: Iterable[tuple[Path, str, RuleMeta | None]],
    python: Iterable[tuple[Path, type, RuleMeta]],
    kinds: Iterable[str],
) -> dict[str, Any]:
    """The index of rules loaded the slow way: Rego files as (path, package, meta or None for a
    library), Python rules as (module path, class, meta) in load order."""
    rego_dir = builtin_dir("rego").resolve()
    rules_dir = builtin_dir("rules").resolve()
    out_rego: dict[str, Any] = {}
    policies = [(path, package, meta, path.read_text(encoding="utf-8")) for path, package, meta in rego]
    rule_packages = {package for _, package, meta, _ in policies if meta is not None}
    for path, package, meta, text in policies:
        rel = _relative(path, rego_dir)
        if rel is not None:
            out_rego[rel] = {
                "sha256": sha256(text.encode("utf-8")),
                "package": package,
                "library": meta is None,
                "meta": None if meta is None else meta_fields(meta),
                # Compiled with the libraries, up front, when it reads another rule's package:
                # compiled only when its own rules run, that package could be missing.
                "eager": any(f"data.{other}" in text for other in rule_packages - {package}),
            }
    out_python: dict[str, Any] = {}
    for path, cls, meta in python:
        rel = _relative(path, rules_dir)
        if rel is None:
            continue
        entry = out_python.setdefault(
            rel, {"file": rel, "sha256": sha256(path.read_bytes()), "sources": {}, "rules": []}
        )
        entry["sources"].update(_base_sources(cls))
        entry["rules"].append({"class": cls.__name__, "meta": meta_fields(meta)})
    for entry in out_python.values():
        entry["sources"] = dict(sorted(entry["sources"].items()))
    return {"version": VERSION, "fingerprint": fingerprint(kinds), "rego": out_rego, "python": out_python}


def dumps(index: Mapping[str, Any]) -> str:
    return json.dumps(index, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _base_sources(cls: type) -> dict[str, str]:
    """The modules that declare the rule's base classes (their class attributes are part of its
    metadata: SecretRule gives every secrets rule its kinds and category), as `scanner:<path>`
    or `rules:<path>` with their SHA-256."""
    out = {}
    for base in cls.__mro__[1:]:
        source = getattr(sys.modules.get(base.__module__), "__file__", None)
        if source is None:  # builtins
            continue
        for name, folder in _roots().items():
            rel = _relative(Path(source), folder)
            if rel is not None:
                out[f"{name}:{rel}"] = sha256(Path(source).read_bytes())
                break
    return out


def _roots() -> dict[str, Path]:
    return {"scanner": _PACKAGE, "rules": builtin_dir("rules").resolve()}


def _relative(path: Path, folder: Path) -> str | None:
    """`path` relative to the resolved `folder`, or None. The rule files come from a walk of that
    folder, so resolving each (a system call per part) is needed only for one that is not."""
    if not path.is_relative_to(folder):
        path = path.resolve()
        if not path.is_relative_to(folder):
            return None
    return path.relative_to(folder).as_posix()


def current(ruleset: RuleSet, kinds: Iterable[str]) -> str:
    """The index of the built-in folders as they are now (the text of rules/index.json when it is
    up to date), from `ruleset`: the built-in rules read the slow way (load_ruleset(use_index=False))."""
    from scanner.engines.rego import rego_files
    from scanner.engines.rego_metadata import parse_rego_file

    by_source = {r.meta.source: r for r in ruleset.rego.rules}
    policies: list[tuple[Path, str, RuleMeta | None]] = []
    for path in rego_files([builtin_dir("rego")]):
        rule = by_source.get(str(path))
        if rule is None:  # a library: no rule of its own
            policies.append((path, parse_rego_file(str(path), path.read_text(encoding="utf-8")).package, None))
        else:
            policies.append((path, rule.package, rule.meta))
    rules = [(r.path, type(r.rule), r.meta) for r in ruleset.python]
    return dumps(build(policies, rules, kinds))


def path() -> Path:
    return builtin_dir("rules") / INDEX_NAME

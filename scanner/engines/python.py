"""Python rules, loaded from named folders only: never from the repository being scanned."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from scanner.builtin import is_builtin
from scanner.context import ScanContext
from scanner.documents import Document, ScanError, internal_error
from scanner.engines.ruleindex import RuleIndex, meta_of
from scanner.engines.sources import source_files
from scanner.errors import FatalError
from scanner.findings import Hit
from scanner.metadata import RuleMeta, validate
from scanner.pyrules import PythonRule, RuleOptionError


class LoadedRule:
    """A rule's metadata, and the rule, imported at its first use when the shipped index gave
    the metadata (engines/ruleindex.py): a scan imports the modules of the rules its documents
    need, not all ~25."""

    def __init__(self, meta: RuleMeta, path: Path, class_name: str, rule: PythonRule | None = None) -> None:
        self.meta = meta
        self.path = path  # the rule's module
        self.class_name = class_name
        self._rule = rule

    @property
    def rule(self) -> PythonRule:
        if self._rule is None:
            cls = _rule_classes(self.path, _import(self.path)).get(self.class_name)
            if cls is None:  # the index named a class the module no longer lists
                raise FatalError(f"read rules {self.path}: no rule class {self.class_name} in RULES")
            self._rule = cls()
        return self._rule


def rule_files(dirs: Sequence[Path]) -> list[Path]:
    """Rule modules; `_helpers.py`, `test_*.py` and caches are not rules."""
    return source_files(
        dirs,
        "*.py",
        "read rules",
        lambda p: not p.name.startswith(("_", "test_")) and "__pycache__" not in p.parts,
    )


def _import(path: Path):  # type: ignore[no-untyped-def]
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
    name = f"mlcomply_rules_{digest}_{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise FatalError(f"read rules {path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[name]
        where = traceback.extract_tb(exc.__traceback__)[-1]
        raise FatalError(f"read rules {path}:{where.lineno}: {type(exc).__name__}: {exc}") from None
    return module


def _rule_classes(path: Path, module: Any) -> dict[str, type[PythonRule]]:
    rules = getattr(module, "RULES", None)
    if not isinstance(rules, (list, tuple)):
        raise FatalError(f"read rules {path}: the module must define a RULES list of rule classes")
    for cls in rules:
        if not (isinstance(cls, type) and issubclass(cls, PythonRule)):
            raise FatalError(f"read rules {path}: {cls!r} in RULES is not a PythonRule subclass")
    return {cls.__name__: cls for cls in rules}


def load_python_rules(
    dirs: Sequence[Path], known_kinds: Iterable[str], index: RuleIndex | None = None
) -> list[LoadedRule]:
    kinds = list(known_kinds)
    loaded: list[LoadedRule] = []
    for path in rule_files(dirs):
        entry = index.python(path) if index is not None else None
        if entry is not None:
            loaded.extend(
                LoadedRule(meta_of(meta, "python", f"{path} ({name})"), path, name) for name, meta in entry.rules
            )
            continue
        for name, cls in _rule_classes(path, _import(path)).items():
            meta = validate(
                cls.raw_metadata(),
                f"{path} ({name})",
                kinds,
                engine="python",
                trusted=is_builtin(path),
            )
            loaded.append(LoadedRule(meta, path, name, cls()))
    return loaded


def evaluate(
    doc: Document, rules: Sequence[LoadedRule], ctx: ScanContext, errors: list[ScanError]
) -> Iterator[tuple[LoadedRule, Hit]]:
    """Each rule's hits on `doc`. A rule that fails on one document is that document's scan error
    and every other rule still runs: a RuleOptionError is a configuration problem and keeps its
    text (kind engine); anything else is a bug (kind internal), reported by type only because an
    exception's text may quote the document (a secret included)."""
    for loaded in rules:
        try:
            hits = list(loaded.rule.check(doc, ctx))
        except RuleOptionError as exc:
            # A bad option from the trusted config: its text names the option, never the document.
            where = traceback.extract_tb(exc.__traceback__)[-1]
            at = f"{Path(where.filename).name}:{where.lineno}"
            message = f"rule {loaded.meta.id} failed ({at}): {type(exc).__name__}: {exc}"
            errors.append(ScanError(doc.path, message, kind="engine"))
            continue
        except Exception as exc:
            errors.append(internal_error(doc.path, exc, rule=loaded.meta.id))
            continue
        for hit in hits:
            yield loaded, hit

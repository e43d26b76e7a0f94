"""Python rules, loaded from named folders only: never from the repository being scanned."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner.builtin import is_builtin
from scanner.context import ScanContext
from scanner.documents import Document, ScanError
from scanner.engines.sources import source_files
from scanner.errors import FatalError
from scanner.findings import Hit
from scanner.metadata import RuleMeta, validate
from scanner.pyrules import PythonRule, RuleOptionError


@dataclass(frozen=True)
class LoadedRule:
    meta: RuleMeta
    rule: PythonRule


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


def load_python_rules(dirs: Sequence[Path], known_kinds: Iterable[str]) -> list[LoadedRule]:
    kinds = list(known_kinds)
    loaded: list[LoadedRule] = []
    for path in rule_files(dirs):
        module = _import(path)
        rules = getattr(module, "RULES", None)
        if not isinstance(rules, (list, tuple)):
            raise FatalError(f"read rules {path}: the module must define a RULES list of rule classes")
        for cls in rules:
            if not (isinstance(cls, type) and issubclass(cls, PythonRule)):
                raise FatalError(f"read rules {path}: {cls!r} in RULES is not a PythonRule subclass")
            meta = validate(
                cls.raw_metadata(),
                f"{path} ({cls.__name__})",
                kinds,
                engine="python",
                trusted=is_builtin(path),
            )
            loaded.append(LoadedRule(meta, cls()))
    return loaded


def evaluate(
    doc: Document, rules: Sequence[LoadedRule], ctx: ScanContext, errors: list[ScanError]
) -> Iterator[tuple[LoadedRule, Hit]]:
    for loaded in rules:
        try:
            hits = list(loaded.rule.check(doc, ctx))
        except Exception as exc:
            # A rule bug on one document must not hide the other results; it is still reported.
            where = traceback.extract_tb(exc.__traceback__)[-1]
            # The type and the rule's line, never the exception text: it may quote the document
            # (`KeyError: 'ghp_...'`, `invalid literal for int(): '...'`). A bad option says which.
            detail = f"{type(exc).__name__}: {exc}" if isinstance(exc, RuleOptionError) else type(exc).__name__
            at = f"{Path(where.filename).name}:{where.lineno}"
            errors.append(ScanError(doc.path, f"rule {loaded.meta.id} failed ({at}): {detail}", kind="engine"))
            continue
        for hit in hits:
            yield loaded, hit

"""Rego policies evaluated in-process by regorus, behind a small engine-neutral adapter."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from scanner.builtin import is_builtin
from scanner.documents import Document, ScanError, internal_error
from scanner.engines.rego_metadata import RegoFile, parse_rego_file
from scanner.engines.sources import source_files
from scanner.errors import FatalError
from scanner.findings import Hit
from scanner.metadata import RuleMeta, validate
from scanner.severity import SEVERITIES
from scanner.terraform.callers import with_caller

# regorus attaches a Rust backtrace to every error when RUST_BACKTRACE is set; users need
# only the `--> file:line:col` part above it.
os.environ.setdefault("RUST_BACKTRACE", "0")


class RegoBackend(Protocol):
    """What the scanner needs from a Rego engine; regorus today, an OPA server tomorrow."""

    def add_policy(self, path: str, text: str) -> None: ...
    def set_input(self, value: Any) -> None: ...
    def eval_rule(self, rule: str) -> Any: ...
    def eval_rules(self, rules: Sequence[str]) -> list[Any]: ...


class InputTooDeep(Exception):
    """The document is nested deeper than the engine accepts as input (regorus: 128 levels)."""


def clean_error(exc: BaseException) -> str:
    text = str(exc).split("Stack backtrace:")[0].strip()
    return "\n".join(line.rstrip() for line in text.splitlines())


class RegorusBackend:
    def __init__(self) -> None:
        import regorus  # imported late: only scans with Rego policies pay for it

        self._engine = regorus.Engine()

    def add_policy(self, path: str, text: str) -> None:
        try:
            self._engine.add_policy(path, text)
        except RuntimeError as exc:
            raise FatalError(f"compile policy {path}:\n{clean_error(exc)}") from None

    def set_input(self, value: Any) -> None:
        try:
            self._engine.set_input_json(json.dumps(value))
        except RecursionError:
            raise InputTooDeep from None
        except RuntimeError as exc:
            if "recursion limit" in str(exc):  # serde_json's, at 128 levels
                raise InputTooDeep from None
            raise

    def eval_rule(self, rule: str) -> Any:
        try:
            out = self._engine.eval_rule_as_json(rule)
        except RuntimeError as exc:
            raise FatalError(f"evaluate {rule}:\n{clean_error(exc)}") from None
        return None if out is None else json.loads(out)

    def eval_rules(self, rules: Sequence[str]) -> list[Any]:
        """Every rule in one query, so that the helpers they share (the lib's indexes over all
        resources) are computed once per document, not once per rule."""
        if len(rules) > 1:
            # One rule per line: regorus caps a query line's length (about 1,000 columns).
            query = "[\n" + ",\n".join(rules) + "\n]"
            try:
                results = json.loads(self._engine.eval_query_as_json(query)).get("result")
            except RuntimeError as exc:
                # The engine evaluates the rules one by one, so the error names its rule.
                raise FatalError(f"evaluate {len(rules)} rules:\n{clean_error(exc)}") from None
            if results:  # empty when some rule is undefined: the whole array is then undefined
                return list(results[0]["expressions"][0]["value"])
        return [self.eval_rule(r) for r in rules]


@dataclass(frozen=True)
class RegoRule:
    meta: RuleMeta
    package: str

    @property
    def query(self) -> str:
        return f"data.{self.package}.deny"


def rego_files(dirs: Sequence[Path], tests: bool = False) -> list[Path]:
    """Policy files under `dirs`, sorted; `_test.rego` files only when `tests` is set."""
    return source_files(dirs, "*.rego", "read policies", lambda p: tests or not p.name.endswith("_test.rego"))


class RegoEngine:
    """Compiles every policy once; evaluates each document against the packages whose
    `input_kinds` match it."""

    def __init__(self, dirs: Sequence[Path], known_kinds: Iterable[str], backend: RegoBackend | None = None):
        self.backend = backend or RegorusBackend()
        self.rules: list[RegoRule] = []
        kinds = list(known_kinds)
        for path in rego_files(dirs):
            text = _read(path)
            parsed = parse_rego_file(str(path), text)
            self.backend.add_policy(str(path), text)
            if parsed.is_library:
                continue
            self.rules.append(RegoRule(_meta(parsed, kinds), parsed.package))

    def evaluate(
        self, doc: Document, rules: Sequence[RegoRule], errors: list[ScanError]
    ) -> Iterator[tuple[RegoRule, Hit]]:
        """Every rule in one query; when that query fails, rule by rule, so that a rule failing
        on this document costs only that rule's results (a scan error naming it)."""
        if not rules:
            return
        try:
            self.backend.set_input({"kind": doc.kind, "path": doc.path, "content": doc.data})
        except InputTooDeep:
            message = "evaluate policies: nested deeper than the Rego engine accepts (128 levels); not evaluated"
            errors.append(ScanError(doc.path, message, kind="limit"))
            return
        try:
            values = self.backend.eval_rules([r.query for r in rules])
        except Exception:
            values = None
        for i, rule in enumerate(rules):
            try:
                value = values[i] if values is not None else self.backend.eval_rule(rule.query)
            except FatalError as exc:
                errors.append(ScanError(doc.path, _failure(rule, exc), kind="engine"))
                continue
            except Exception as exc:
                errors.append(internal_error(doc.path, exc, rule=rule.meta.id))
                continue
            try:
                # A finding in a module names the root that called it (its own identity per root).
                hits = [with_caller(doc, _hit(rule, item)) for item in _as_list(value)]
            except FatalError as exc:  # a deny result of the wrong shape; the text names no value
                errors.append(ScanError(doc.path, str(exc), kind="engine"))
                continue
            for hit in hits:
                yield rule, hit


_POLICY_LOCATION = re.compile(r"-->\s*(\S+:\d+:\d+)")


def _failure(rule: RegoRule, exc: FatalError) -> str:
    """A rule's evaluation error on a scanned document, with the policy location only: the
    engine's message may quote the input (`div expects numeric argument. Got "s3cr3t"`)."""
    where = _POLICY_LOCATION.search(str(exc))
    at = f" at {where.group(1)}" if where else ""
    return (
        f"evaluate rule {rule.meta.id}: the policy failed{at} (the engine's message is left out: it may quote the file)"
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FatalError(f"read policy {path}: {exc}") from None


def _meta(parsed: RegoFile, kinds: list[str]) -> RuleMeta:
    raw = parsed.raw_metadata()
    if "id" not in raw:
        raise FatalError(
            f"rule metadata in {parsed.path}: package {parsed.package} has no `# METADATA` block "
            "with a `custom:` section (mark helper packages with `custom: {library: true}`)"
        )
    return validate(raw, parsed.path, kinds, engine="rego", trusted=is_builtin(Path(parsed.path)))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return sorted(value, key=lambda v: json.dumps(v, sort_keys=True)) if isinstance(value, list) else [value]


def _hit(rule: RegoRule, item: Any) -> Hit:
    """A deny result is a message string or an object {msg, address?, pointer?, line?, key?,
    severity?, severity_reason?}."""
    if isinstance(item, str):
        return Hit(message=item)
    if not isinstance(item, dict) or not isinstance(item.get("msg"), str):
        raise FatalError(
            f"evaluate {rule.meta.source}: deny must produce strings or objects with a `msg` "
            f"string, got {type(item).__name__}"  # not the value: it may come from the input
        )
    pointer = item.get("pointer")
    line = item.get("line")
    try:
        return Hit(
            message=item["msg"],
            address=item.get("address") if isinstance(item.get("address"), str) else None,
            pointer=tuple(pointer) if isinstance(pointer, list) else None,
            line=line if isinstance(line, int) else None,
            key=item.get("key") if isinstance(item.get("key"), str) else None,
            # One finding's own severity (result.with_severity), never without its reason.
            severity=item.get("severity") if isinstance(item.get("severity"), str) else None,
            severity_reason=item.get("severity_reason") if isinstance(item.get("severity_reason"), str) else None,
        )
    except ValueError:  # not the value: a policy may compute it from the input
        raise FatalError(
            f"evaluate {rule.meta.source}: deny result: `severity` must be one of {', '.join(SEVERITIES)} "
            "and comes with a `severity_reason` string"
        ) from None

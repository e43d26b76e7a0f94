"""Rego policies evaluated in-process by regorus, behind a small engine-neutral adapter."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import orjson

from scanner.builtin import is_builtin
from scanner.documents import Document, ScanError, internal_error
from scanner.engines.rego_metadata import RegoFile, parse_rego_file
from scanner.engines.ruleindex import RuleIndex, meta_of
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


@runtime_checkable
class BatchBackend(Protocol):
    """A backend that can evaluate several inputs in one query (regorus)."""

    def eval_batch(self, inputs: Sequence[Any], rules: Sequence[str]) -> dict[int, list[Any]]: ...


# Documents per batched evaluation: the per-query cost (parsing the query, the result's JSON) is
# shared by the batch, while the input stays small.
BATCH_SIZE = 16


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
            self._engine.set_input_json(input_json(value))
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

    def eval_batch(self, inputs: Sequence[Any], rules: Sequence[str]) -> dict[int, list[Any]]:
        """Every rule on every input in one query, each input in its own `with input as` scope
        (so the lib's indexes are built per input, as in separate evaluations): input index ->
        the rules' values. An input is missing when some rule is undefined on it; InputTooDeep
        or FatalError when the batch cannot be evaluated as a whole (then the caller goes one
        input at a time, which tells which input and rule fail)."""
        self.set_input({"batch": list(inputs)})
        query = "x := [[i, v] | some i, d in input.batch; v := [\n" + ",\n".join(rules) + "\n] with input as d]"
        try:
            answer = json.loads(self._engine.eval_query_as_json(query)).get("result")
        except RuntimeError as exc:
            raise FatalError(f"evaluate {len(rules)} rules on {len(inputs)} inputs:\n{clean_error(exc)}") from None
        pairs = answer[0]["bindings"]["x"] if answer else []
        return {i: list(v) for i, v in pairs if isinstance(v, list) and len(v) == len(rules)}


def input_json(value: Any) -> str:
    """A document as the engine's input: orjson's text (a tenth of the standard library's time on a
    10,000-resource module) where it can encode it; else the standard library's, as before (an
    integer beyond 64 bits, a lone surrogate, nesting past orjson's 254 levels). The two differ
    only in non-finite floats, which orjson writes as null: the standard library's NaN is no JSON,
    and the engine rejected the whole document for it."""
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value)


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
    """Compiles the policies; evaluates each document against the packages whose `input_kinds`
    match it. A built-in rule package the shipped index vouches for (engines/ruleindex.py) is
    compiled only when a document first needs its rules: a run on three .tf files never compiles
    the notebook or model-card policies. Libraries and every other policy are compiled here."""

    def __init__(
        self,
        dirs: Sequence[Path],
        known_kinds: Iterable[str],
        backend: RegoBackend | None = None,
        index: RuleIndex | None = None,
    ):
        self.backend = backend or RegorusBackend()
        self.rules: list[RegoRule] = []
        self._deferred: dict[str, list[tuple[str, str]]] = {}  # package -> its files, not compiled yet
        kinds = list(known_kinds)
        compiled: list[str] = []  # the texts of policies read without the index
        for path in rego_files(dirs):
            text = _read(path)
            entry = index.rego(path, text) if index is not None else None
            if entry is None:
                parsed = parse_rego_file(str(path), text)
                self.backend.add_policy(str(path), text)
                compiled.append(text)
                if not parsed.is_library:
                    self.rules.append(RegoRule(_meta(parsed, kinds), parsed.package))
                continue
            if entry.library or entry.eager:
                self.backend.add_policy(str(path), text)
            else:
                self._deferred.setdefault(entry.package, []).append((str(path), text))
            if entry.meta is not None:
                self.rules.append(RegoRule(meta_of(entry.meta, "rego", str(path)), entry.package))
        # A user's policy may read a built-in rule's package: that one cannot wait.
        for package in [p for p in self._deferred if any(f"data.{p}" in text for text in compiled)]:
            self._compile(package)

    def _compile(self, package: str) -> None:
        for path, text in self._deferred.pop(package, ()):
            self.backend.add_policy(path, text)

    def _ready(self, rules: Sequence[RegoRule]) -> None:
        """Compiles the deferred packages of `rules` before they are evaluated."""
        if self._deferred:
            for rule in rules:
                self._compile(rule.package)

    def evaluate(
        self, doc: Document, rules: Sequence[RegoRule], errors: list[ScanError]
    ) -> Iterator[tuple[RegoRule, Hit]]:
        """Every rule in one query; when that query fails, rule by rule, so that a rule failing
        on this document costs only that rule's results (a scan error naming it)."""
        if not rules:
            return
        self._ready(rules)
        try:
            self.backend.set_input(_input(doc))
        except InputTooDeep:
            message = "evaluate policies: nested deeper than the Rego engine accepts (128 levels); not evaluated"
            errors.append(ScanError(doc.path, message, kind="limit"))
            return
        try:
            values = self.backend.eval_rules([r.query for r in rules])
        except Exception:
            values = None
        yield from self._hits(doc, rules, values, errors)

    def evaluate_many(
        self,
        docs: Sequence[Document],
        rules_for: Callable[[Document], Sequence[RegoRule]],
        errors: list[ScanError],
    ) -> Iterator[Iterable[tuple[RegoRule, Hit]]]:
        """Per document, in order, exactly what `evaluate(doc, rules_for(doc), errors)` gives,
        lazily. Runs of documents with the same rules are evaluated BATCH_SIZE at a time in one
        query where the backend can; a batch (or a document in it) the query cannot answer
        whole goes through `evaluate`, one document at a time."""
        batched = isinstance(self.backend, BatchBackend)
        for batch, rules in _batches(docs, rules_for, BATCH_SIZE if batched else 1):
            values = self._batch_values(batch, rules) if len(batch) > 1 and rules else {}
            for i, doc in enumerate(batch):
                yield self._hits(doc, rules, values[i], errors) if i in values else self.evaluate(doc, rules, errors)

    def _batch_values(self, batch: Sequence[Document], rules: Sequence[RegoRule]) -> dict[int, list[Any]]:
        assert isinstance(self.backend, BatchBackend)
        self._ready(rules)
        try:
            return self.backend.eval_batch([_input(d) for d in batch], [r.query for r in rules])
        except Exception:  # too deep, a rule failing on some document: each is evaluated alone
            return {}

    def _hits(
        self, doc: Document, rules: Sequence[RegoRule], values: list[Any] | None, errors: list[ScanError]
    ) -> Iterator[tuple[RegoRule, Hit]]:
        """The hits of each rule's value; `values` None: evaluate rule by rule (the input set)."""
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


def _input(doc: Document) -> dict[str, Any]:
    return {"kind": doc.kind, "path": doc.path, "content": doc.data}


def _batches(
    docs: Sequence[Document], rules_for: Callable[[Document], Sequence[RegoRule]], size: int
) -> Iterator[tuple[list[Document], Sequence[RegoRule]]]:
    """Consecutive documents with the same rules, at most `size` at a time."""
    batch: list[Document] = []
    rules: Sequence[RegoRule] = ()
    for doc in docs:
        mine = rules_for(doc)
        if batch and (len(batch) >= size or list(mine) != list(rules)):
            yield batch, rules
            batch = []
        if not batch:
            rules = mine
        batch.append(doc)
    if batch:
        yield batch, rules


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

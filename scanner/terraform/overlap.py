"""scan.evaluate's Rego step for root module documents, run while tfparse evaluates the next
root modules (load_modules' `built`), instead of after the last one: on 2 cores the scan's
process and the tfparse worker then work at the same time.

Each document's outcome is recorded as the Rego engine produced it, hits and scan errors
interleaved, with the exception that ended it, if any; scan.evaluate replays it in its turn, so
findings, errors and their order are exactly those of evaluating it there. Documents are
evaluated BATCH_SIZE at a time (one batched query, as evaluate_many does). A unit's work
(terraform.unitwork) takes each outcome (`take`) to store it with the unit's results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from scanner.documents import Document, ScanError
from scanner.engines.rego import BATCH_SIZE, RegoEngine, RegoRule
from scanner.findings import Hit

RulesFor = Callable[[Document], Sequence[RegoRule]]
# What consuming one document's hits did, in order: a hit, a scan error appended, or the
# exception that ended it.
Event = tuple[RegoRule, Hit] | ScanError | Exception


class RegoAhead:
    def __init__(self, engine: RegoEngine, rules_for: RulesFor) -> None:
        self.engine = engine
        self.rules_for = rules_for
        self._waiting: list[Document] = []
        self._events: dict[int, list[Event]] = {}  # id(document) -> its outcome
        self.evaluated = 0  # documents evaluated ahead (tests count them)

    def add(self, doc: Document) -> None:
        """A document just built: evaluated with the next ones, once a batch is full."""
        self._waiting.append(doc)
        if len(self._waiting) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        docs, self._waiting = self._waiting, []
        errors: list[ScanError] = []
        for doc, hits in zip(docs, self.engine.evaluate_many(docs, self.rules_for, errors), strict=True):
            self._events[id(doc)] = record(hits, errors)
            self.evaluated += 1

    def take(self, doc: Document) -> list[Event] | None:
        """The outcome recorded for `doc` (its batch evaluated now if it is not full yet), taken
        out; None when `doc` was never added."""
        if self._waiting:
            self.flush()
        return self._events.pop(id(doc), None)

    def evaluate_many(
        self, docs: Sequence[Document], rules_for: RulesFor, errors: list[ScanError]
    ) -> Iterator[Iterable[tuple[RegoRule, Hit]]]:
        """RegoEngine.evaluate_many's contract: per document, in order, its hits, appending its
        errors to `errors` as they come. Documents evaluated ahead are replayed; the others (not
        Terraform, or built after the last batch) are evaluated here, batched."""
        self.flush()
        rest = self.engine.evaluate_many([d for d in docs if id(d) not in self._events], rules_for, errors)
        for doc in docs:
            events = self._events.pop(id(doc), None)
            yield next(rest) if events is None else _replay(events, errors)


def record(hits: Iterable[tuple[RegoRule, Hit]], errors: list[ScanError]) -> list[Event]:
    """One document's hits, with the errors appended to `errors` while each was taken, in
    order, and the exception that ended them, if any."""
    events: list[Event] = []
    it = iter(hits)
    while True:
        mark = len(errors)
        try:
            item = next(it)
        except StopIteration:
            events.extend(errors[mark:])
            return events
        except Exception as exc:  # replayed: scan._collect reports it as it would have here
            events.extend(errors[mark:])
            events.append(exc)
            return events
        events.extend(errors[mark:])
        events.append(item)


def _replay(events: list[Event], errors: list[ScanError]) -> Iterator[Any]:
    for event in events:
        if isinstance(event, ScanError):
            errors.append(event)
        elif isinstance(event, Exception):
            raise event
        else:
            yield event

"""Unrendered templates of provenance records: not records yet, so noted once and not checked.

Marquez ships `metadata.template.json` with `"eventTime": "{{RUN_START_TIME}}"`; OpenLineage's
integration tests keep expected events whose ids and times are matchers (`{{ any(result) }}`,
`${json-unit.any-string}`). Their "undeclared ids" and "unparsable times" are placeholders, not
gaps. A record is a template when a placeholder stands in an element id or a time, the values a
check would judge; a placeholder elsewhere (dbt's raw SQL `{{ ref('x') }}` in a facet) is text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

PLACEHOLDER = re.compile(r"\{\{[^{}\n]{1,200}\}\}|\$\{json-unit\.[\w.-]{1,60}\}")


def _judged_values(data: dict[str, Any]) -> Iterator[str]:
    for iri, el in data.get("elements", {}).items():
        yield iri
        for name, values in el.get("attributes", {}).items():
            if name.endswith(("Time", "time")):
                yield from (str(v) for v in values)
    for r in data.get("relations", []):
        yield from (str(v) for v in r.get("args", {}).values())
        if r.get("time"):
            yield str(r["time"])


def is_template(data: dict[str, Any]) -> bool:
    """A placeholder stands in an element id, a relation's argument or a time."""
    return any(PLACEHOLDER.search(v) for v in _judged_values(data))


def first_line(text: str) -> int | None:
    """The line of the first placeholder, for the note (its text is never repeated)."""
    m = PLACEHOLDER.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None

"""`.mlcomply-evidence.yaml`: human attestations for AI RMF subcategories a scan cannot see.

version: 1
records:
  - subcategory: GOVERN 2.2           # an AI RMF 1.0 id, checked against the shipped Core
    statement: all ML engineers complete the AI risk training every year
    evidence: docs/training/2026.md   # an http(s) URL, or a path that must exist in the tree
    owner: head-of-ml@example.com
    date: 2026-03-01
    expires: 2027-03-01

Parsing is a pure function of the text: the schema (scanner/schemas/evidence.schema.json), the
subcategory ids and the shape of each evidence path. Whether a path exists depends on the tree it
is read from (the working tree, or the merge base in a diff scan): scanner.evidence.trusted.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import PurePosixPath
from typing import Any

from scanner.documents import Document, LoadError
from scanner.nist.core import load_core
from scanner.schema_errors import first_violation

KIND = "evidence-records"
URL_SCHEMES = ("https://", "http://")


@dataclass(frozen=True)
class Record:
    subcategory: str
    statement: str
    evidence: str
    owner: str
    date: datetime.date
    expires: datetime.date
    line: int  # the entry's first line
    evidence_line: int  # the line of its `evidence:` key

    @property
    def is_url(self) -> bool:
        return self.evidence.startswith(URL_SCHEMES)

    def expired(self, today: datetime.date) -> bool:
        return self.expires < today

    def to_dict(self, today: datetime.date) -> dict[str, Any]:
        """As the results document records it (results.schema.json `evidence.records`)."""
        return {
            "subcategory": self.subcategory,
            "statement": self.statement,
            "evidence": self.evidence,
            "evidence_kind": "url" if self.is_url else "path",
            "owner": self.owner,
            "date": self.date.isoformat(),
            "expires": self.expires.isoformat(),
            "line": self.line,
            "expired": self.expired(today),
        }


@cache
def _validator() -> Any:
    import jsonschema  # on use: ~120 ms that a scan without an evidence file never pays

    schema = json.loads(resources.files("scanner.schemas").joinpath("evidence.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def path_problem(evidence: str) -> str | None:
    """Why `evidence` (not a URL) cannot name a file of the repository, or None."""
    path = PurePosixPath(evidence)
    if "\\" in evidence or path.is_absolute() or ".." in path.parts or "\0" in evidence:
        return "evidence must be an http(s) URL or a relative path inside the repository (no '..', no leading '/')"
    if ":" in evidence.split("/", 1)[0]:
        return "evidence URL must start with https:// or http://"
    return None


def document(path: str, text: str) -> Document:
    """The file's one YAML document, checked: schema, subcategory ids and evidence path shapes.
    Raises LoadError naming the line of the first problem."""
    from scanner.loaders.yaml_file import documents_of_text  # YAML only when there is a record file

    docs = documents_of_text(path, text.removeprefix("\ufeff"))
    if not docs:
        raise LoadError("empty; expected `version: 1` and `records:`", 1)
    if len(docs) > 1:
        raise LoadError("expected one YAML document, found several", docs[1].span_of(()).line if docs[1].spans else 1)
    doc = docs[0]
    violation = first_violation(_validator(), doc.data)
    if violation:
        span = doc.span_of(violation[0])
        raise LoadError(violation[1], span.line if span else 1)
    known = {s.id for s in load_core().subcategories}
    for i, raw in enumerate(doc.data["records"] or ()):
        if raw["subcategory"] not in known:
            span = doc.span_of(("records", i, "subcategory"))
            raise LoadError(
                "unknown AI RMF 1.0 subcategory id (`mlcomply rules --nist` lists the 72 ids)",
                span.line if span else 1,
            )
        evidence = raw["evidence"].strip()
        if not evidence.startswith(URL_SCHEMES):
            problem = path_problem(evidence)
            if problem:
                span = doc.span_of(("records", i, "evidence"))
                raise LoadError(problem, span.line if span else 1)
    return Document(kind=KIND, path=doc.path, data=doc.data, text=doc.text, spans=doc.spans)


def records(doc: Document) -> tuple[Record, ...]:
    """The records of a checked document (`document`), in file order."""
    out = []
    for i, raw in enumerate(doc.data["records"] or ()):
        span = doc.span_of(("records", i))
        evidence_span = doc.span_of(("records", i, "evidence"))
        out.append(
            Record(
                subcategory=raw["subcategory"],
                statement=" ".join(raw["statement"].split()),
                evidence=raw["evidence"].strip(),
                owner=" ".join(raw["owner"].split()),
                date=datetime.date.fromisoformat(raw["date"]),
                expires=datetime.date.fromisoformat(raw["expires"]),
                line=span.line if span else 1,
                evidence_line=evidence_span.line if evidence_span else 1,
            )
        )
    return tuple(out)

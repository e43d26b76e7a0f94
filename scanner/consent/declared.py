"""What a dataset card, datasheet or data contract declares about personal data, legal basis and
purpose, and whether the scan shows the dataset used for training.

Wording is matched, not understood, so the matching is deliberately plain and documented:
- personal data: the card's "Personal and Sensitive Information" section (or a datasheet section
  on personal/sensitive data) says what personal data it holds (names, emails, users, patients,
  ...) and is not a denial ("does not contain", "no personal ...", "were removed", "neither"),
  nor says it is anonymised, masked or synthetic, nor only names public figures; a front-matter
  tag `pii`/`personal-data`; a data contract field with `pii: true` or a `classification` naming
  PII/personal data; or a data file beside the card with personal-data columns
  (scanner.data.personal);
- legal basis: "consent", "agreed in writing", "legal basis", "lawful basis", "legitimate
  interest", "GDPR Art. 6" not preceded by a denial ("without consent"), anywhere in the card, or
  in a data contract's `info`/`terms` (or an `x-legal-basis`-style key);
- purpose: "purpose", a non-placeholder "Curation Rationale" / "Intended Uses" / "Motivation"
  section, or a data contract's `terms.usage`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from scanner.context import ScanContext
from scanner.data import personal
from scanner.documents import Document, Pointer
from scanner.dvc import model as dvc_model

_PLACEHOLDER = re.compile(
    r"^\W*(\[?(more information needed|needs more information)\]?|n/?a|tbd|todo|none)?\W*$", re.IGNORECASE
)
_DENIAL = re.compile(
    r"\b(no|not|none|never|without|does not|doesn't|do not|free of)\b[^.]{0,60}"
    r"\b(personal|pii|sensitive|identif\w*|private)",
    re.IGNORECASE,
)
_PERSONAL_SECTION = re.compile(r"personal|sensitive", re.IGNORECASE)
# What a section must say to declare personal data (vague text such as "all of it is already on
# the internet" declares nothing); anonymised data is not personal data (GDPR recital 26).
_AFFIRM = re.compile(
    r"\b(personal|pii|names?|e-?mails?|addresse?s|phone|identif\w*|health|medical|biometric|faces?|"
    r"demographic\w*|date of birth|users?|individuals?|people|persons?|patients?|customers?|applicants?)\b",
    re.IGNORECASE,
)
_ANONYMISED = re.compile(
    r"\banonymi[sz]ed\b|\banonymous\b|\bsynthetic\b|\bneither\b|\bunlikely\b|\bexclude[ds]?\b|\bmasked\b|"
    r"\b(was|were|is|are|been)\s+(removed|not collected|not included)\b",
    re.IGNORECASE,
)
# Names of public figures (news, knowledge bases) are reported as noise by every reviewer.
_PUBLIC_FIGURES = re.compile(r"\bfamous\b|public figures?|important people", re.IGNORECASE)
_PERSONAL_TAG = re.compile(r"^(pii|personal[-_ ]?data|contains[-_ ]pii|gdpr)$", re.IGNORECASE)
_BASIS = re.compile(
    r"\b(consent\w*|agreed in writing|legal basis|lawful basis|legitimate interests?|"
    r"gdpr art(icle)?\.?\s*6|art\.\s*6\(1\))",
    re.IGNORECASE,
)
_BASIS_DENIED = re.compile(r"\b(no|without|not|never)\s+(\w+\s+){0,3}(consent|legal basis|lawful basis)", re.IGNORECASE)
_PURPOSE = re.compile(r"\bpurposes?\b", re.IGNORECASE)
_PURPOSE_SECTION = re.compile(r"curation rationale|intended uses?|motivation|purpose", re.IGNORECASE)
_CLASSIFIED = re.compile(r"pii|personal", re.IGNORECASE)


@dataclass(frozen=True)
class Declaration:
    doc: Document
    name: str
    folder: str  # the dataset's folder: the card's or contract's own
    personal: str | None  # why it holds personal data, or None
    personal_pointer: Pointer | None
    personal_line: int | None
    legal_basis: bool
    purpose: bool


def _declares_personal(text: str) -> bool:
    if _DENIAL.search(text) or _ANONYMISED.search(text) or _PUBLIC_FIGURES.search(text):
        return False
    return bool(_AFFIRM.search(text))


def _real(text: str) -> bool:
    return not _PLACEHOLDER.fullmatch(text.strip())


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _basis_in(texts: list[str]) -> bool:
    joined = "\n".join(texts)
    return _BASIS.search(joined) is not None and _BASIS_DENIED.search(joined) is None


def _folder(path: str) -> str:
    parent = str(PurePosixPath(path).parent)
    return "" if parent == "." else parent


def _from_card(doc: Document) -> Declaration:
    meta = doc.data.get("metadata") or {}
    sections: list[dict[str, Any]] = [s for s in doc.data.get("sections") or [] if isinstance(s, dict)]
    why, line = None, None
    for s in sections:
        text = str(s.get("text", ""))
        title = str(s.get("title", ""))
        if _PERSONAL_SECTION.search(title) and _real(text) and _declares_personal(text):
            why, line = f"its section {s.get('title')!r} describes personal data", int(s.get("line", 1))
            break
    tags = meta.get("tags") if isinstance(meta, dict) else None
    if why is None and isinstance(tags, list) and any(isinstance(t, str) and _PERSONAL_TAG.match(t) for t in tags):
        why, line = "its front matter tags it as personal data", 1
    texts = [doc.text or ""]
    purpose = _PURPOSE.search(doc.text or "") is not None or any(
        _PURPOSE_SECTION.search(str(s.get("title", ""))) and _real(str(s.get("text", ""))) for s in sections
    )
    name = meta.get("pretty_name") if isinstance(meta, dict) and isinstance(meta.get("pretty_name"), str) else None
    folder = _folder(doc.path)
    return Declaration(
        doc, name or PurePosixPath(folder).name or doc.path, folder, why, None, line, _basis_in(texts), purpose
    )


def _pii_fields(fields: Any, pointer: Pointer) -> Iterator[Pointer]:
    for fname, spec in fields.items() if isinstance(fields, dict) else ():
        if not isinstance(spec, dict):
            continue
        classification = spec.get("classification")
        if spec.get("pii") is True or (isinstance(classification, str) and _CLASSIFIED.search(classification)):
            yield (*pointer, fname)
        yield from _pii_fields(spec.get("fields"), (*pointer, fname, "fields"))
        items = spec.get("items")
        if isinstance(items, dict):
            yield from _pii_fields(items.get("fields"), (*pointer, fname, "items", "fields"))


def personal_fields(doc: Document) -> list[Pointer]:
    """Pointers to a data contract's fields (models and definitions) marked as personal data."""
    data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    found: list[Pointer] = []
    models = data.get("models")
    for mname, model in models.items() if isinstance(models, dict) else ():
        if isinstance(model, dict):
            found.extend(_pii_fields(model.get("fields"), ("models", mname, "fields")))
    found.extend(_pii_fields(data.get("definitions"), ("definitions",)))
    return found


def _from_contract(doc: Document) -> Declaration:
    data: dict[str, Any] = doc.data
    found = personal_fields(doc)
    why = f"{len(found)} field(s) are marked pii or classified as personal data" if found else None
    terms = data.get("terms") if isinstance(data.get("terms"), dict) else {}
    declared = [*_strings(data.get("info")), *_strings(terms)]
    declared += [f"{k} {v}" for k, v in data.items() if isinstance(k, str) and re.search("legal|consent", k, re.I)]
    usage = terms.get("usage")
    purpose = (isinstance(usage, str) and _real(usage)) or any(_PURPOSE.search(t) for t in declared)
    info = data.get("info") if isinstance(data.get("info"), dict) else {}
    name = str(data.get("id") or info.get("title") or doc.path)
    return Declaration(
        doc, name, _folder(doc.path), why, found[0] if found else None, None, _basis_in(declared), bool(purpose)
    )


def declarations(ctx: ScanContext) -> list[Declaration]:
    """Every dataset declaration of the scan, with personal data found beside it when the
    declaration itself does not say."""

    def build() -> list[Declaration]:
        out = [_from_card(d) for d in ctx.documents_of("datacard") if isinstance(d.data, dict)]
        out += [_from_contract(d) for d in ctx.documents_of("datacontract") if isinstance(d.data, dict)]
        return [_with_data_files(d, ctx) for d in out]

    return ctx.memo("consent.declarations", build)


def _under(path: str, folder: str) -> bool:
    return not folder or path.startswith(folder + "/")


def _with_data_files(decl: Declaration, ctx: ScanContext) -> Declaration:
    if decl.personal is not None:
        return decl
    for data in ctx.documents_of("tabular"):
        if _under(data.path, decl.folder) and personal.columns(data):
            return Declaration(
                decl.doc, decl.name, decl.folder, f"its data file {data.path} has personal-data columns",
                None, None, decl.legal_basis, decl.purpose,
            )  # fmt: skip
    return decl


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def training_use(decl: Declaration, ctx: ScanContext) -> str | None:
    """How the scan shows the dataset used for training: a model card that lists it in
    `datasets:`, a DVC stage that depends on a file under its folder, an MLflow run that logged
    it as an input, or a provenance record whose training activity used it. None when no link."""
    keys = {_norm(decl.name), _norm(PurePosixPath(decl.folder).name)} - {""}
    for card in ctx.documents_of("modelcard"):
        meta = card.data.get("metadata") if isinstance(card.data, dict) else None
        raw = meta.get("datasets") if isinstance(meta, dict) else None
        for item in raw if isinstance(raw, list) else [raw]:
            if isinstance(item, str) and _norm(item.rstrip("/").rsplit("/", 1)[-1]) in keys:
                return f"model card {card.path} lists it in datasets"
    if decl.folder:
        for doc in ctx.documents_of("dvc"):
            for entry in dvc_model.entries(doc):
                if entry.role == "dep" and entry.path and _under(entry.path, decl.folder):
                    return f"DVC stage {entry.stage or doc.path} depends on {entry.path}"
    return _recorded_use(decl, keys, ctx)


def _recorded_use(decl: Declaration, keys: set[str], ctx: ScanContext) -> str | None:
    """An MLflow run input or a provenance training activity's input that is this dataset (a
    file under its folder, or its name), read from the scan's inventory (built once)."""
    from scanner.inventory.build import build  # the inventory reads every loader's documents

    inv = ctx.memo("consent.inventory", lambda: build(ctx.documents, ctx.root, hash_files=False)[0])
    records = {d.path for d in ctx.documents_of("provenance")}
    # A record's training runs: the jobs through which it states a model was made from data.
    trained = {e.via for e in inv.edges if e.target in inv.models and e.via in inv.jobs}

    def names_it(node: str) -> bool:
        ds = inv.datasets.get(node)
        if ds is None:
            return False
        loc = ds.location or ""
        if decl.folder and "://" not in loc and _under(loc, decl.folder):
            return True
        return bool(keys & {_norm(ds.name), _norm(loc.rstrip("/").rsplit("/", 1)[-1])})

    for job in sorted(inv.jobs.values(), key=lambda j: j.id):
        used = next((n for n in job.inputs if names_it(n)), None)
        if used is None:
            continue
        what = inv.datasets[used].location or inv.datasets[used].name
        if job.id.startswith("job:mlflow#"):
            return f"MLflow {job.name} logged {what} as an input"
        if job.id in trained and job.namespace in records:
            return f"provenance record {job.namespace}: training activity {job.name!r} used {what}"
    return None

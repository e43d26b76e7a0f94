"""Model card metadata: schema, license, datasets, base model, evaluation results."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.modelcard import schema
from scanner.modelcard.content import Card, as_list, dataset_id, is_pinned_reference, model_index_revisions
from scanner.pyrules import PythonRule

_CARD_DOCS = ("https://huggingface.co/docs/hub/model-cards",)


class MetadataSchema(PythonRule):
    id = "MLC-CARD-META-001"
    title = "Model card metadata does not match the Hugging Face metadata schema"
    severity = "low"
    category = "model-documentation"
    nist_ai_rmf = ("MEASURE 2.8", "MAP 2.1")
    atlas_none = "model documentation quality (governance evidence); it prevents or detects no ATLAS technique"
    description = (
        "A documented model card metadata key (license, datasets, base_model, model-index, ...) has "
        "the wrong shape; the Hub rejects such cards on push and tools that read the metadata "
        "(license inventories, evaluation dashboards) misread them."
    )
    remediation = "Fix the key to the documented shape (see the model card metadata spec, modelcard.md)."
    input_kinds = ("modelcard",)
    references = _CARD_DOCS

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        if doc.data["format"] != "markdown":
            return
        for pointer, message in schema.violations(doc.data["metadata"]):
            yield Hit(f"model card metadata {message}", pointer=pointer)


_LICENSE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "COPYING")


def _license_file(card_path: str, ctx: ScanContext) -> str | None:
    """A license file in the card's folder or the repository root."""
    folder = PurePosixPath(card_path).parent
    for base in dict.fromkeys((folder, PurePosixPath("."))):
        for name in _LICENSE_NAMES:
            rel = str(base / name)
            if ctx.file(rel) is not None:
                return rel
    return None


class NoLicense(PythonRule):
    id = "MLC-CARD-LICENSE-001"
    title = "Model card declares no license"
    severity = "medium"
    category = "model-documentation"
    nist_ai_rmf = ("GOVERN 1.1", "MAP 4.1")
    atlas_none = "model documentation quality (governance evidence); it prevents or detects no ATLAS technique"
    description = (
        "The model card has no `license` (or `license: other` without `license_name`/`license_link`): "
        "users cannot tell under which terms the model may be used or redistributed."
    )
    remediation = (
        "Add `license: <hub license id>` to the front matter, or `license: other` with "
        "`license_name` and `license_link`."
    )
    input_kinds = ("modelcard",)
    references = ("https://huggingface.co/docs/hub/repositories-licenses",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        meta = Card(doc.data).metadata
        lic = meta.get("license")
        if not lic:
            beside = _license_file(doc.path, ctx)
            yield Hit(
                "model card declares no license" + (f" (the repository has {beside})" if beside else ""),
                pointer=("metadata",),
                severity="low" if beside else None,
                severity_reason=f"{beside} beside the card states the terms; the card's metadata does not"
                if beside
                else None,
            )
        elif lic == "other" and not (meta.get("license_name") and meta.get("license_link")):
            yield Hit("license is 'other' without license_name and license_link", pointer=("metadata", "license"))


_PROSE_DATA = "its training data section describes the data in prose; only the dataset ids are missing"


class NoDatasets(PythonRule):
    id = "MLC-CARD-DATA-001"
    title = "Model card names no training datasets"
    severity = "medium"
    category = "model-documentation"
    nist_ai_rmf = ("MAP 4.1", "MAP 2.3")
    atlas_none = "model documentation quality (governance evidence); it prevents or detects no ATLAS technique"
    description = (
        "The model card's metadata lists no datasets, so the training data of the model cannot be "
        "inventoried or checked against licenses and provenance records."
    )
    remediation = "List the training datasets in the front matter: `datasets: [org/name, ...]`."
    input_kinds = ("modelcard",)
    references = _CARD_DOCS

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        card = Card(doc.data)
        if not as_list(card.metadata.get("datasets")):
            # Prose about the training data documents it for people, not for inventories.
            prose = card.documents("training-data")
            yield Hit(
                "model card names no datasets in its metadata",
                pointer=("metadata",),
                severity="low" if prose else None,
                severity_reason=_PROSE_DATA if prose else None,
            )


class DatasetNotPinned(PythonRule):
    id = "MLC-CARD-DATA-002"
    title = "Model card dataset without a revision or hash"
    severity = "low"
    category = "model-documentation"
    nist_ai_rmf = ("GOVERN 6.1", "MAP 4.1")
    atlas = ("AML.T0010.002", "AML.T0019")
    description = (
        "A dataset named by the model card is not pinned: no `id@<40-hex revision>`, no model-index "
        "`dataset.revision`, and no revision or sha256 beside its name in the card. Datasets change "
        "under the same name; only a revision or hash says which data trained the model."
    )
    remediation = (
        "Pin each dataset: add `revision: <commit>` to its model-index result dataset, or state the "
        "revision or sha256 next to its name in the Training Data section."
    )
    input_kinds = ("modelcard",)
    references = _CARD_DOCS

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        card = Card(doc.data)
        raw = card.metadata.get("datasets")
        pinned_by_index = model_index_revisions(card)
        for i, entry in enumerate(as_list(raw)):
            name = dataset_id(entry)
            if name in pinned_by_index or is_pinned_reference(card, entry):
                continue
            pointer = ("metadata", "datasets", i) if isinstance(raw, list) else ("metadata", "datasets")
            yield Hit(f"dataset {name!r} has no revision or hash", pointer=pointer)


class BaseModelNotPinned(PythonRule):
    id = "MLC-CARD-BASEMODEL-001"
    title = "Model card base_model without a revision"
    severity = "low"
    category = "model-documentation"
    nist_ai_rmf = ("GOVERN 6.1", "MANAGE 3.2", "MAP 4.1")
    atlas = ("AML.T0010.003", "AML.T0058")
    description = (
        "The card names a `base_model` but no immutable revision of it (a 40-hex Hub commit), so the "
        "pre-trained weights the model was derived from can silently change."
    )
    remediation = (
        "State the base model's Hub commit, e.g. `base_model: org/name` plus "
        '`from_pretrained("org/name", revision="<40-hex>")` or '
        "'Finetuned from org/name @ <40-hex>' in the card."
    )
    input_kinds = ("modelcard",)
    references = ("https://huggingface.co/docs/hub/model-cards#specifying-a-base-model",)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        card = Card(doc.data)
        raw = card.metadata.get("base_model")
        for i, entry in enumerate(as_list(raw)):
            if not is_pinned_reference(card, entry):
                pointer = ("metadata", "base_model", i) if isinstance(raw, list) else ("metadata", "base_model")
                yield Hit(f"base model {entry!r} has no revision", pointer=pointer)


class ModelIndexWithoutMetrics(PythonRule):
    id = "MLC-CARD-METRICS-001"
    title = "Model card model-index result without metrics"
    severity = "low"
    category = "model-documentation"
    nist_ai_rmf = ("MEASURE 2.1", "MEASURE 1.1")
    atlas_none = "model documentation quality (governance evidence); it prevents or detects no ATLAS technique"
    description = (
        "A `model-index` entry has no results, or a result has no metrics: the structured evaluation "
        "claims nothing that can be compared or verified."
    )
    remediation = "Give every model-index result a `metrics: [{type: ..., value: ...}]` list."
    input_kinds = ("modelcard",)
    references = _CARD_DOCS

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for i, model in enumerate(as_list(Card(doc.data).metadata.get("model-index"))):
            results = as_list(model.get("results")) if isinstance(model, dict) else []
            if not results:
                yield Hit("model-index entry has no results", pointer=("metadata", "model-index", i))
            for j, result in enumerate(results):
                if isinstance(result, dict) and not as_list(result.get("metrics")):
                    yield Hit(
                        "model-index result has no metrics",
                        pointer=("metadata", "model-index", i, "results", j),
                    )


RULES = [
    MetadataSchema,
    NoLicense,
    NoDatasets,
    DatasetNotPinned,
    BaseModelNotPinned,
    ModelIndexWithoutMetrics,
]

"""Model card sections: uses, limitations, training data, evaluation, template placeholders."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.findings import Hit
from scanner.modelcard.content import Card, as_list
from scanner.modelcard.markdown import PLACEHOLDER, PLACEHOLDER_TEXT
from scanner.pyrules import PythonRule

_TEMPLATE = ("https://huggingface.co/docs/hub/model-card-annotated",)


class _TopicRule(PythonRule):
    """Reports when none of the card's sections on some topics has real content."""

    input_kinds = ("modelcard",)
    references = _TEMPLATE
    topics: ClassVar[dict[str, str]]  # topic -> what is missing, for the message

    def satisfied(self, card: Card, topic: str) -> bool:
        return card.documents(topic)

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        card = Card(doc.data)
        missing = [t for t in self.topics if not self.satisfied(card, t)]
        if not missing:
            return
        what = " and ".join(self.topics[t] for t in missing)
        empty = [s for t in missing for s in card.about(t)]
        if empty:  # a heading exists but holds nothing (or only the template placeholder)
            yield Hit(f"model card section '{empty[0]['title']}' is empty: no {what}", address=empty[0]["path"])
        else:
            yield Hit(f"model card has no {what}", pointer=("sections",))


class NoUses(_TopicRule):
    id = "MLC-CARD-USES-001"
    title = "Model card states no intended use or no out-of-scope use"
    severity = "medium"
    category = "model-documentation"
    nist_ai_rmf = ("MAP 1.1", "MAP 3.3")
    atlas_none = "model documentation quality (governance evidence); it prevents or detects no ATLAS technique"
    description = (
        "The card has no filled 'Uses' / 'Direct Use' section or no 'Out-of-Scope Use' section: the "
        "purpose, context and boundaries of use that MAP 1.1 and MAP 3.3 ask to be documented."
    )
    remediation = "Fill the 'Direct Use' and 'Out-of-Scope Use' sections of the model card."
    topics: ClassVar[dict[str, str]] = {"intended-use": "intended use", "out-of-scope": "out-of-scope use"}


class NoLimitations(_TopicRule):
    id = "MLC-CARD-RISKS-001"
    title = "Model card documents no limitations, bias or risks"
    severity = "medium"
    category = "model-documentation"
    nist_ai_rmf = ("MAP 2.2", "GOVERN 4.2", "MANAGE 1.4")
    atlas_none = "model documentation quality (governance evidence); it prevents or detects no ATLAS technique"
    description = (
        "The card has no filled 'Bias, Risks, and Limitations' section: knowledge limits and residual "
        "risks are not documented for downstream users."
    )
    remediation = "Fill 'Bias, Risks, and Limitations' (and 'Recommendations') with the model's known limits."
    topics: ClassVar[dict[str, str]] = {"limitations": "limitations, bias or risks"}


class NoTrainingData(_TopicRule):
    id = "MLC-CARD-TRAINDATA-001"
    title = "Model card has no training data section"
    severity = "medium"
    category = "model-documentation"
    nist_ai_rmf = ("MAP 2.3", "MAP 4.1")
    atlas_none = "model documentation quality (governance evidence); it prevents or detects no ATLAS technique"
    description = "The card does not describe its training data (a filled 'Training Data' section)."
    remediation = "Fill 'Training Details > Training Data': which data, which version, how it was prepared."
    topics: ClassVar[dict[str, str]] = {"training-data": "training data description"}


class NoEvaluation(_TopicRule):
    id = "MLC-CARD-EVAL-001"
    title = "Model card has no evaluation section or results"
    severity = "medium"
    category = "model-documentation"
    nist_ai_rmf = ("MEASURE 2.1", "MEASURE 2.3")
    atlas_none = "model documentation quality (governance evidence); it prevents or detects no ATLAS technique"
    description = (
        "The card has neither a filled 'Evaluation' section (testing data, factors, metrics, results) "
        "nor model-index results: test sets and metrics are undocumented."
    )
    remediation = "Fill the 'Evaluation' section and record results in the `model-index` metadata."
    topics: ClassVar[dict[str, str]] = {"evaluation": "evaluation section or results"}

    def satisfied(self, card: Card, topic: str) -> bool:
        indexed = any(
            as_list(r.get("metrics"))
            for m in as_list(card.metadata.get("model-index"))
            if isinstance(m, dict)
            for r in as_list(m.get("results"))
            if isinstance(r, dict)
        )
        return indexed or card.documents(topic)


class Placeholder(PythonRule):
    id = "MLC-CARD-PLACEHOLDER-001"
    title = "Model card section left as a template placeholder"
    severity = "low"
    category = "model-documentation"
    nist_ai_rmf = ("MEASURE 2.8", "GOVERN 4.2")
    atlas_none = "model documentation quality (governance evidence); it prevents or detects no ATLAS technique"
    description = (
        f"A section still contains the template text `{PLACEHOLDER}` (or a variant of it: "
        "transformers' Trainer writes `More information needed`): the card was generated from a "
        "template and this part was never written."
    )
    remediation = "Write the section, or delete it if it does not apply to this model."
    input_kinds = ("modelcard",)
    references = _TEMPLATE

    def check(self, doc: Document, ctx: ScanContext) -> Iterable[Hit]:
        for s in Card(doc.data).sections:
            count = len(PLACEHOLDER_TEXT.findall(s["text"]))
            if count:
                yield Hit(f"section '{s['title']}' has {count} unfilled placeholder(s)", address=s["path"])


RULES = [NoUses, NoLimitations, NoTrainingData, NoEvaluation, Placeholder]

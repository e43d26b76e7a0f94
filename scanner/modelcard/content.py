"""What a model card says: sections by topic, empty or placeholder text, pinned references."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scanner.modelcard.markdown import PLACEHOLDER_TEXT

# Heading words per topic, matched case-insensitively against a heading's own title. Covers the
# huggingface_hub template, the transformers Trainer card and Mitchell et al. (2019) headings.
TOPICS: dict[str, tuple[str, ...]] = {
    "intended-use": (
        r"\bdirect use\b",
        r"\bdownstream use\b",
        r"\bintended (uses?|users?|purpose)\b",
        r"^uses?$",
        r"\buse cases?\b",
        r"\bmodel use\b",
        r"\bevaluated use\b",
    ),
    "out-of-scope": (r"\bout[- ]of[- ]scope\b", r"\bmisuse\b", r"\bprohibited use", r"\bnot intended\b"),
    "limitations": (
        r"\blimitations?\b",
        r"\bbias(es)?\b",
        r"\brisks?\b",
        r"\bethical considerations\b",
        r"\bcaveats\b",
    ),
    "training-data": (r"\btraining data\b", r"\btraining and evaluation data\b", r"\bdatasets?\b"),
    "evaluation": (
        r"\bevaluation\b",
        r"\bresults\b",
        r"\btesting data\b",
        r"\bquantitative analys[ie]s\b",
        r"\bmetrics\b",
        r"\bbenchmarks?\b",
        r"\bperformance\b",
    ),
}
# Out-of-scope use stated in the text of a uses section rather than under its own heading
# (Whisper's card: "we caution against ...", "We recommend against use in high-risk domains").
OUT_OF_SCOPE_TEXT = re.compile(
    r"\b(?:recommend against|caution against|should not be used|must not be used|not (?:be )?(?:intended|"
    r"appropriate|suitable) for|prohibited)\b",
    re.IGNORECASE,
)
# Mitchell-style cards (OpenAI's CLIP) put their training data under a heading titled only "Data";
# such a section documents training data when its text speaks of training (a "Data" heading may
# equally describe the inputs' format).
DATA_HEADING = re.compile(r"^data$", re.IGNORECASE)
TRAINING_TEXT = re.compile(r"\btrain(?:ed|ing)?\b", re.IGNORECASE)
# A paragraph that opens with a bold label ("**Out-of-scope** Use in any manner that ...", as in
# Meta's Llama cards) documents the topic inside another section; the label's text comes first
# on the paragraph's line once Markdown is rendered. At least a few words must follow it.
LABELS: dict[str, re.Pattern[str]] = {
    topic: re.compile(rf"^(?:{label})\b[\s:.-]+(?:\S+\s+){{3,}}", re.IGNORECASE)
    for topic, label in {
        "intended-use": r"intended use(?: cases)?|direct use",
        "out-of-scope": r"out[- ]of[- ]scope(?: uses?)?",
        "limitations": r"limitations|known limitations|ethical considerations",
    }.items()
}
# Template lines such as "- **Developed by:** [More Information Needed]" leave a bare label.
_LABEL_ONLY = re.compile(r"^[\W_]*[\w\s()/,&'.-]{0,60}:[\W_]*$")
HEX40 = re.compile(r"\b[0-9a-f]{40}\b")
STRONG_DIGEST = re.compile(r"\bsha(256|384|512):[0-9a-f]{64,128}\b")


@dataclass(frozen=True)
class Card:
    data: dict[str, Any]

    @property
    def metadata(self) -> dict[str, Any]:
        meta = self.data.get("metadata")
        return meta if isinstance(meta, dict) else {}

    @property
    def sections(self) -> list[dict[str, Any]]:
        return list(self.data.get("sections") or [])

    def about(self, topic: str) -> list[dict[str, Any]]:
        patterns = TOPICS[topic]
        return [s for s in self.sections if any(re.search(p, s["title"], re.IGNORECASE) for p in patterns)]

    def documents(self, topic: str) -> bool:
        """Some section on `topic` has real content (not empty, not only the template placeholder)."""
        if any(not is_empty(s["text"]) for s in self.about(topic)):
            return True
        if topic == "out-of-scope" and any(OUT_OF_SCOPE_TEXT.search(s["text"]) for s in self.about("intended-use")):
            return True
        if topic == "training-data" and any(
            DATA_HEADING.match(s["title"].strip()) and TRAINING_TEXT.search(s["text"]) for s in self.sections
        ):
            return True
        label = LABELS.get(topic)
        return label is not None and any(label.match(line) for line in self.body_lines())

    def body_lines(self) -> Iterator[str]:
        for s in self.sections:
            yield from s["text"].splitlines()


def is_empty(text: str) -> bool:
    for line in PLACEHOLDER_TEXT.sub("", text).splitlines():
        if line.strip() and not _LABEL_ONLY.match(line.strip()):
            return False
    return True


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def dataset_id(entry: Any) -> str:
    return str(entry.get("name", "")) if isinstance(entry, dict) else str(entry)


PIN_WINDOW = 80  # characters after a name in which its revision or digest must follow


def pinned_in_body(card: Card, ref: str) -> bool:
    """The card's text names `ref` followed closely by a 40-hex revision or a strong digest
    ("org/name at revision <sha>", `from_pretrained("org/name", revision="<sha>")`)."""
    for line in card.body_lines():
        for m in re.finditer(re.escape(ref), line):
            after = line[m.end() : m.end() + PIN_WINDOW]
            if HEX40.search(after) or STRONG_DIGEST.search(after):
                return True
    return False


def is_pinned_reference(card: Card, entry: Any) -> bool:
    if isinstance(entry, dict):
        if entry.get("revision") or entry.get("digest"):
            return True
        ref = dataset_id(entry)
    else:
        ref = str(entry)
    _, at, rev = ref.partition("@")
    if at and HEX40.fullmatch(rev):
        return True
    return pinned_in_body(card, ref)


def model_index_revisions(card: Card) -> set[str]:
    """Dataset ids that model-index results pin with a `revision`."""
    out = set()
    for model in as_list(card.metadata.get("model-index")):
        for result in as_list(model.get("results") if isinstance(model, dict) else None):
            ds = result.get("dataset") if isinstance(result, dict) else None
            if isinstance(ds, dict) and ds.get("revision") and ds.get("type"):
                out.add(str(ds["type"]))
    return out

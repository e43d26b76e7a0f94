"""A repository is untrusted: odd shapes give a clear error or a finding, never a crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.context import ScanContext
from scanner.documents import Document
from scanner.provenance import completeness, evaluation, lineage, prov_json
from scanner.provenance.graph import View
from scanner.rulesets import RuleSet
from scanner.walk import Listing
from tests.provenance.test_must_show import complete_plus

KEYS = st.sampled_from(
    [
        "prefix",
        "entity",
        "activity",
        "agent",
        "used",
        "wasGeneratedBy",
        "wasAssociatedWith",
        "actedOnBehalfOf",
        "wasDerivedFrom",
        "wasEndedby",
        "bundle",
        "prov:type",
        "prov:entity",
        "prov:activity",
        "prov:agent",
        "prov:startTime",
        "prov:time",
        "prov:role",
        "ex:a",
        "_:b",
        "mlp:digest",
        "$",
        "type",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=12),
    st.sampled_from(["ex:a", "zz:b", "2026-01-05T10:00:00Z", "prov:QUALIFIED_NAME", "sha256:00"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=120, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_prov_json_reader_and_checks_never_crash(doc: dict[str, Any]) -> None:
    try:
        graph, _ = prov_json.read({"prefix": {"ex": "https://example.org/"}, **doc} if "prefix" not in doc else doc)
    except prov_json.ProvJsonError:
        return
    view = View(graph.to_data())
    for check in (
        *completeness.REQUIRED.values(),
        completeness.c8_hyperparameters,
        completeness.c9_attribution,
        completeness.c10_derivation,
        completeness.c11_base_model,
        completeness.weak_training_digests,
        lineage.c13_upstream_lineage,
    ):
        check(view)
    evaluation.c14_evaluation(view, evaluation.card_metrics("README.md", {"model-index": doc}))


@settings(max_examples=80, deadline=None)
@given(metadata=st.dictionaries(st.sampled_from(["license", "datasets", "base_model", "model-index", "x"]), VALUES))
def test_model_card_rules_accept_any_metadata(builtin_rules: RuleSet, metadata: dict[str, Any]) -> None:
    doc = Document("modelcard", "README.md", {"format": "markdown", "metadata": metadata, "sections": []}, "")
    ctx = ScanContext(listing=Listing(Path("."), (), (), None), documents=(doc,))
    for loaded in builtin_rules.python:
        if "modelcard" in loaded.meta.input_kinds:
            list(loaded.rule.check(doc, ctx))


CARD_KEYS = st.sampled_from(["results", "dataset", "metrics", "type", "name", "value", "revision"])
CARD_VALUES = st.recursive(
    SCALARS | st.floats(allow_nan=True) | st.sampled_from(["f1", "data/prepared/test", "0.5"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(CARD_KEYS, inner),
)


@settings(max_examples=120, deadline=None)
@given(model_index=CARD_VALUES)
def test_model_index_of_any_shape_is_read_or_ignored(model_index: Any) -> None:
    metrics = evaluation.card_metrics("README.md", {"model-index": model_index})
    graph, _ = prov_json.read(complete_plus())
    evaluation.c14_evaluation(View(graph.to_data()), metrics)

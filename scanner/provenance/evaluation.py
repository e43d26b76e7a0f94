"""Evaluation of a model artifact: check C14 of provenance-notes §3.

An activity must have used the model and at least one test dataset with a digest, and generated a
metrics entity. When a model card sits with the record, its `model-index` results must agree with
the metrics entity. Statically, a card metric and a recorded one are compared only when they are
surely the same measurement: the card result's dataset names a test dataset of the evaluation (its
id, location, label or revision), the metric `type` is the name of an attribute of the metrics
entity, and each side holds exactly one number. They agree when equal at the coarser of the two
precisions written (a card's 0.91 agrees with a record's 0.9134; 0.92 does not); scales are not
converted, so a card's 91.2 for a recorded 0.912 is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from scanner.modelcard.content import as_list
from scanner.provenance import digests
from scanner.provenance.completeness import Gap, models, used_by
from scanner.provenance.graph import RDFS_LABEL, View, local_name

MIN_NAME = 3  # a shorter dataset id ("a", "v1") would match almost any IRI


@dataclass(frozen=True)
class CardMetric:
    card: str  # path of the model card
    dataset: tuple[str, ...]  # lower-case ids of the result's dataset: type, name, revision
    type: str  # normalised metric type
    value: Decimal


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def number(value: Any) -> Decimal | None:
    """A finite number as written (int, float or numeric string), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        d = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except InvalidOperation:
        return None
    # Beyond a double's range, arithmetic on it would overflow: such a value is not compared.
    return d if d.is_finite() and d.adjusted() <= 308 else None


def _decimals(d: Decimal) -> int:
    exponent = d.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def agree(a: Decimal, b: Decimal) -> bool:
    # Capped: no metric is written to 100 places, and a hostile value could ask for a billion.
    places = min(_decimals(a), _decimals(b), 100)
    return abs(a - b) <= Decimal(f"5e-{places + 1}")


def card_metrics(path: str, metadata: dict[str, Any]) -> list[CardMetric]:
    """Numeric model-index metrics of a card; a metric the card gives twice for one dataset with
    different values is ambiguous and left out."""
    found: dict[tuple[tuple[str, ...], str], set[Decimal]] = {}
    for model in as_list(metadata.get("model-index")):
        for result in as_list(model.get("results") if isinstance(model, dict) else None):
            if not isinstance(result, dict) or not isinstance(result.get("dataset"), dict):
                continue
            ds = result["dataset"]
            ids = tuple(
                s
                for s in (str(ds.get(k) or "").split("@", 1)[0].strip().lower() for k in ("type", "name", "revision"))
                if len(s) >= MIN_NAME
            )
            for metric in as_list(result.get("metrics")):
                if isinstance(metric, dict) and isinstance(metric.get("type"), str) and ids:
                    value = number(metric.get("value"))
                    if value is not None:
                        found.setdefault((ids, _key(metric["type"])), set()).add(value)
    return [CardMetric(path, ids, t, next(iter(vs))) for (ids, t), vs in found.items() if len(vs) == 1]


def evaluations(v: View, model: str) -> list[str]:
    """Activities that used the model (other than as a base model to fine-tune) and look like an
    evaluation: typed Evaluation, or used data in role testData, or generated a Metrics entity."""
    users = {
        r["args"]["activity"]
        for r in v.relations_of("used")
        if r["args"].get("entity") == model
        and r["args"].get("activity") in v.elements
        and "baseModel" not in v.roles(r)
    }
    return sorted(
        a
        for a in users
        if v.has_type(a, "Evaluation") or any("testData" in roles for _, roles in used_by(v, a)) or metrics_of(v, a)
    )


def test_sets(v: View, run: str) -> list[str]:
    used = used_by(v, run)
    by_role = [e for e, roles in used if "testData" in roles]
    return by_role or [e for e, roles in used if not roles and v.has_type(e, "Dataset")]


def metrics_of(v: View, run: str) -> list[str]:
    return sorted(
        {
            r["args"]["entity"]
            for r in v.relations_of("wasGeneratedBy")
            if r["args"].get("activity") == run and v.has_type(r["args"].get("entity", ""), "Metrics")
        }
    )


def _digested(v: View, iri: str) -> bool:
    return any(digests.parse(d) is not None for d in v.digests(iri))


def _names(v: View, iri: str) -> list[str]:
    labels = v.elements[iri]["attributes"].get(RDFS_LABEL, [])
    return [str(s).lower() for s in (iri, v.location(iri) or "", *labels, *v.values(iri, "revision")) if s]


def _recorded(v: View, metrics: str, metric_type: str) -> Decimal | None:
    values = {
        n
        for k, vs in v.elements[metrics]["attributes"].items()
        if _key(local_name(k)) == metric_type
        for n in map(number, vs)
        if n is not None
    }
    return next(iter(values)) if len(values) == 1 else None


def mismatches(v: View, run: str, metrics: str, cards: Sequence[CardMetric]) -> Iterator[str]:
    names = [n for d in test_sets(v, run) for n in _names(v, d)]
    for cm in cards:
        if not any(i in n for i in cm.dataset for n in names):
            continue
        recorded = _recorded(v, metrics, cm.type)
        if recorded is not None and not agree(recorded, cm.value):
            yield f"{cm.type} is {recorded} here but {cm.value} in {cm.card} (model-index, dataset {cm.dataset[0]})"


def c14_evaluation(v: View, cards: Sequence[CardMetric] = ()) -> list[Gap]:
    reasons: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for m in models(v):
        runs = evaluations(v, m)
        if not runs:
            labels[m] = f"model {m}"
            reasons.setdefault(m, []).append(
                "not evaluated: no activity used it with test data to generate metrics (prov:type Evaluation)"
            )
        incomplete: dict[str, list[str]] = {}
        for e in runs:
            rs = incomplete.setdefault(e, [])
            data = test_sets(v, e)
            if not data:
                rs.append("used no test dataset (role testData)")
            elif not any(_digested(v, d) for d in data):
                rs.append(f"test data {data[0]} has no content digest")
            produced = metrics_of(v, e)
            if not produced:
                rs.append("generated no metrics entity (prov:type Metrics)")
            for x in produced:
                labels[x] = f"metrics {x}"
                reasons.setdefault(x, []).extend(mismatches(v, e, x, cards))
        if runs and all(incomplete.values()):  # one complete evaluation is enough
            for e, rs in incomplete.items():
                labels[e] = f"evaluation {e} of {m}"
                reasons.setdefault(e, []).extend(rs)
    return [Gap(f"{labels[a]}: {'; '.join(dict.fromkeys(rs))}", a) for a, rs in reasons.items() if rs]

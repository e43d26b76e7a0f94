"""The provenance vocabulary: which terms name a model, a dataset, code, a role, a digest.

Producers spell the same concept differently: our examples type a model `mlp:Model`, yProv4ML
`provml:Model` (PROV-ML), MLflow2PROV `ModelArtifact`; code is `Code`, `SourceCode` or `Software`;
a digest is `digest: "sha256:<hex>"`, `ex:sha256: "<hex>"` or `checksum: "md5:<hex>"`. Terms are
matched by local name (any namespace, any case). The loader adds the canonical term beside each
match (a type, a role, a `digest` of `<alg>:<hex>`, a `prov:atLocation`), so every check and Rego
policy reads one vocabulary. The config's `provenance.vocabulary` adds terms (trusted side only,
like the rest of the config); the README documents the defaults.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any

from scanner.provenance import digests
from scanner.provenance.graph import LOCATION, ROLE, VOCABULARY_NS, Graph, local_name

NS = VOCABULARY_NS  # canonical terms are added in this namespace; checks read them by local name


def _terms(*names: str) -> frozenset[str]:
    return frozenset(n.lower() for n in names)


DEFAULT_TYPES: dict[str, frozenset[str]] = {
    "Model": _terms("Model", "MLModel", "TrainedModel", "ModelArtifact", "ModelVersion", "RegisteredModelVersion"),
    "Dataset": _terms("Dataset", "Data", "TrainingDataset", "DatasetVersion"),
    "Code": _terms("Code", "SourceCode", "Software", "SoftwareSourceCode", "SoftwareApplication"),
    "Environment": _terms("Environment", "RuntimeEnvironment", "ContainerImage", "Lockfile"),
    "Hyperparameters": _terms("Hyperparameters", "HyperParameter", "Hyperparameter", "Param", "Parameters"),
    "Evaluation": _terms("Evaluation", "EvaluationRun", "ModelEvaluation"),
    "Metrics": _terms("Metrics", "Metric", "EvaluationMetrics"),
}
DEFAULT_ROLES: dict[str, frozenset[str]] = {
    "trainingData": _terms("trainingData", "training_data", "train", "trainingSet", "training_dataset"),
    "testData": _terms("testData", "test_data", "test", "evaluationData", "evalData"),
    "code": _terms("code", "sourceCode", "source_code", "script"),
    "environment": _terms("environment", "env", "runtime"),
    "hyperparameters": _terms("hyperparameters", "hyperparameter", "params", "parameters", "config"),
    "baseModel": _terms("baseModel", "base_model", "pretrainedModel", "pretrained_model", "foundationModel"),
}
# Attributes whose value is `<alg>:<hex>`; an attribute named after an algorithm holds bare hex.
DEFAULT_DIGESTS = _terms("digest", "checksum", "hash", "contentDigest", "contentHash", "fileHash")
# Where an entity lives, when it has no prov:atLocation (dcterms:identifier holds a path in yProv4ML,
# MLflow2PROV's artifacts have `path`).
DEFAULT_LOCATIONS = _terms("location", "identifier", "path", "filePath", "artifactPath", "uri")


@dataclass(frozen=True)
class Vocabulary:
    types: Mapping[str, frozenset[str]] = field(default_factory=lambda: dict(DEFAULT_TYPES))
    roles: Mapping[str, frozenset[str]] = field(default_factory=lambda: dict(DEFAULT_ROLES))
    digest_attributes: frozenset[str] = DEFAULT_DIGESTS
    location_attributes: frozenset[str] = DEFAULT_LOCATIONS

    def extended(self, raw: Mapping[str, Any] | None) -> Vocabulary:
        """This vocabulary plus the terms of a validated `provenance.vocabulary` mapping."""
        if not raw:
            return self

        def merged(base: Mapping[str, frozenset[str]], more: Mapping[str, list[str]]) -> dict[str, frozenset[str]]:
            out = dict(base)
            for canonical, names in more.items():
                out[canonical] = out.get(canonical, frozenset()) | _terms(canonical, *names)
            return out

        return replace(
            self,
            types=merged(self.types, raw.get("types", {})),
            roles=merged(self.roles, raw.get("roles", {})),
            digest_attributes=self.digest_attributes | _terms(*raw.get("digest_attributes", [])),
            location_attributes=self.location_attributes | _terms(*raw.get("location_attributes", [])),
        )


SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "types": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "roles": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "digest_attributes": {"type": "array", "items": {"type": "string"}},
        "location_attributes": {"type": "array", "items": {"type": "string"}},
    },
}

_CURRENT: ContextVar[Vocabulary] = ContextVar("provenance_vocabulary", default=Vocabulary())  # noqa: B039 (frozen)


def current() -> Vocabulary:
    """The vocabulary of the scan running in this context (the defaults outside one)."""
    return _CURRENT.get()


@contextmanager
def applied(vocabulary: Vocabulary) -> Iterator[Vocabulary]:
    token = _CURRENT.set(vocabulary)
    try:
        yield vocabulary
    finally:
        _CURRENT.reset(token)


def _term(value: Any) -> str:
    return local_name(str(value)).lower()


def _digest(name: str, value: Any, vocab: Vocabulary) -> str | None:
    """`<alg>:<hex>` for a digest attribute, whichever way it was written; None otherwise."""
    text = str(value).strip()
    term = local_name(name).lower()
    if term in digests.HEX_LENGTH or term == "sha-256":
        parsed = digests.parse(f"{term}:{text.lower()}")
    elif term in vocab.digest_attributes:
        parsed = digests.parse(text.lower())
    else:
        return None
    return str(parsed) if parsed is not None else None


def names_digest(name: str, vocab: Vocabulary | None = None) -> bool:
    """The attribute (or facet field) `name` holds a digest under the vocabulary."""
    term = local_name(name).lower()
    return term in digests.HEX_LENGTH or term in (vocab or current()).digest_attributes


def normalise(graph: Graph, vocab: Vocabulary) -> None:
    """Add the canonical type, role, digest and location beside every term the vocabulary knows."""
    for iri, el in graph.elements.items():
        for t in list(el["types"]):
            graph.add_types_of(iri, [c for c, names in vocab.types.items() if _term(t) in names])
        attributes: dict[str, list[Any]] = el["attributes"]
        for name, values in list(attributes.items()):
            for v in values:
                if (d := _digest(name, v, vocab)) is not None:
                    graph.add_attribute(iri, NS + "digest", d)
        if LOCATION not in attributes:
            for name, values in list(attributes.items()):
                if local_name(name).lower() in vocab.location_attributes and values and isinstance(values[0], str):
                    graph.add_attribute(iri, LOCATION, values[0])
                    break
    for r in graph.relations:
        roles = r["attributes"].get(ROLE)
        if roles:
            extra = [NS + c for c, names in vocab.roles.items() for v in roles if _term(v) in names]
            r["attributes"][ROLE] = list(dict.fromkeys([*roles, *extra]))

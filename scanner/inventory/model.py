"""The inventory of what a repository ships and trains: models, datasets, model files, the jobs
that connect them, and lineage edges. One value, built once from the loaded documents
(`scanner.inventory.build`), feeds the CycloneDX BOM, the OpenLineage events and the org report.

Ids are stable strings (`model:<folder or name>`, `dataset:<location>`, `file:<path>`,
`job:<source>#<name>`): the same repository gives the same ids, so BOMs and events diff cleanly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from scanner.provenance import digests

# How much a hash proves: `strong` a collision-resistant digest (sha256 and up), `weak` md5/sha1
# or a store's etag (DVC's md5 still pins content, but is not collision-resistant), `none` when
# no hash is known.
GRADES = ("strong", "weak", "none")


@dataclass(frozen=True, order=True)
class Hash:
    algorithm: str  # hashlib-style name ("sha256", "md5") or "etag"
    value: str
    source: str  # where it was read: "computed" (our own read of the file) or the record's path
    directory: bool = False  # DVC's md5 of a directory listing

    @property
    def grade(self) -> str:
        return "weak" if self.algorithm in digests.WEAK or self.algorithm == "etag" else "strong"


COMPUTED = "computed"


def grade_of(hashes: list[Hash]) -> str:
    """The best grade among the hashes a record of the repository declares: what pins the
    content. A hash we computed from the bytes describes the file, it pins nothing."""
    grades = {h.grade for h in hashes if h.source != COMPUTED}
    return next((g for g in GRADES if g in grades), "none")


@dataclass
class Dataset:
    id: str
    name: str
    location: str | None = None  # repository path or URI
    license: str | None = None
    hashes: list[Hash] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # documents that name it
    # Merkle roots and other digests that later stages record (the `attest` work): name -> value.
    properties: dict[str, str] = field(default_factory=dict)


@dataclass
class Artifact:
    """A model file of the repository, with what the artifact analysis says of it."""

    id: str
    path: str
    format: str | None = None
    size: int | None = None
    pickle_verdict: str | None = None  # unsafe | unknown | safe, for pickle-based files
    hashes: list[Hash] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class Model:
    id: str
    name: str
    version: str | None = None
    license: str | None = None
    task: str | None = None
    files: list[str] = field(default_factory=list)  # artifact ids
    datasets: list[str] = field(default_factory=list)  # dataset ids the model was trained on
    metrics: list[dict[str, Any]] = field(default_factory=list)  # {"type", "value", "dataset"}
    limitations: list[str] = field(default_factory=list)
    ethical: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class Job:
    """A step that reads and writes data: a DVC stage, an MLflow run, a provenance activity."""

    id: str
    name: str
    namespace: str  # the file that declares it
    inputs: list[str] = field(default_factory=list)  # dataset or artifact ids
    outputs: list[str] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class Edge:
    """`target` was made from `source`: model <- training data, dataset <- upstream source."""

    target: str
    source: str
    via: str  # the job id or document that states it


@dataclass
class Inventory:
    models: dict[str, Model] = field(default_factory=dict)
    datasets: dict[str, Dataset] = field(default_factory=dict)
    artifacts: dict[str, Artifact] = field(default_factory=dict)
    jobs: dict[str, Job] = field(default_factory=dict)
    edges: set[Edge] = field(default_factory=set)

    def dataset(self, id_: str, name: str, location: str | None, source: str) -> Dataset:
        """The dataset `id_` (made on first use). Names and locations come from the repository's
        records: a URL's credentials and any secret the detector knows are hidden, here, before
        the value can reach an id, a BOM or an event."""
        id_, name = safe_text(id_), safe_text(name)
        location = None if location is None else safe_text(location)
        ds = self.datasets.setdefault(id_, Dataset(id_, name, location))
        _add(ds.sources, source)
        return ds

    def artifact(self, path: str, source: str) -> Artifact:
        art = self.artifacts.setdefault(f"file:{path}", Artifact(f"file:{path}", path))
        _add(art.sources, source)
        return art

    def upstream(self, id_: str) -> list[Edge]:
        return sorted(e for e in self.edges if e.target == id_)


_USERINFO = re.compile(r"(?<=://)[^/@\s]+@")


def safe_text(value: str) -> str:
    from scanner.secrets.redact import redact_text

    return redact_text(_USERINFO.sub("", value))


def add_hash(hashes: list[Hash], h: Hash) -> None:
    if h not in hashes:  # the same value from two sources is kept twice: each says who states it
        hashes.append(h)
        hashes.sort()


def _add(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)
        values.sort()

"""The inventory as a CycloneDX 1.6 JSON ML-BOM (`--cyclonedx-output F`, `mlcomply bom`).

Plain JSON, validated with cyclonedx-python-lib's strict 1.6 validator (the official schema ships
inside it): the library's models cover neither `modelCard` nor component `data`, and its
serialiser adds a random `serialNumber`. Both `serialNumber` and `metadata.timestamp` are
optional in the spec and left out, and every list is sorted by `bom-ref`, so the BOM of an
unchanged repository is byte-identical and a PR's BOM diff shows only what changed.

Findings stay in SARIF (CycloneDX `vulnerabilities` are for known weaknesses with an advisory
source, which a policy finding is not); the SARIF run names the BOM in its `properties`.
"""

from __future__ import annotations

from typing import Any

from scanner import __version__
from scanner.errors import FatalError
from scanner.inventory.model import Artifact, Dataset, Hash, Inventory, Model, grade_of

# hashlib names -> CycloneDX `hash-alg`; others (etag, DVC directory md5) become properties.
ALGORITHMS = {
    "md5": "MD5",
    "sha1": "SHA-1",
    "sha256": "SHA-256",
    "sha384": "SHA-384",
    "sha512": "SHA-512",
    "sha3-256": "SHA3-256",
    "sha3-384": "SHA3-384",
    "sha3-512": "SHA3-512",
    "blake2b": "BLAKE2b-512",
    "blake3": "BLAKE3",
}
PREFIX = "mlcomply:"


def _prop(name: str, value: object) -> dict[str, str]:
    return {"name": PREFIX + name, "value": str(value)}


def _hashes(hashes: list[Hash]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """CycloneDX hashes of the component's own bytes, and properties for the rest."""
    out: dict[str, str] = {}
    props = []
    for h in hashes:
        alg = ALGORITHMS.get(h.algorithm)
        if alg is not None and not h.directory:
            out.setdefault(alg, h.value)
        else:
            kind = "dvc-directory-md5" if h.directory else h.algorithm
            props.append(_prop(f"hash:{kind}", h.value))
        props.append(_prop(f"hash-source:{h.algorithm}", h.source))
    return [{"alg": a, "content": c} for a, c in sorted(out.items())], props


def _licenses(value: str | None) -> list[dict[str, Any]]:
    if not value:
        return []
    from cyclonedx.spdx import fixup_id, is_expression

    spdx = fixup_id(value)
    if spdx is not None:
        return [{"license": {"id": spdx}}]
    if is_expression(value) and " " in value:
        return [{"expression": value}]
    return [{"license": {"name": value}}]


def _with(component: dict[str, Any], **fields: Any) -> dict[str, Any]:
    component.update({k: v for k, v in fields.items() if v})
    return component


def _sources(sources: list[str]) -> list[dict[str, str]]:
    return [_prop("source", s) for s in sources]


def _model(m: Model, inv: Inventory) -> dict[str, Any]:
    files = [inv.artifacts[f] for f in m.files if f in inv.artifacts]
    hashes, hash_props = _hashes(files[0].hashes) if len(files) == 1 else ([], [])
    params: dict[str, Any] = {}
    if m.task:
        params["task"] = m.task
    if m.datasets:
        params["datasets"] = [{"ref": d} for d in m.datasets]
    card: dict[str, Any] = {}
    if params:
        card["modelParameters"] = params
    if m.metrics:
        card["quantitativeAnalysis"] = {
            "performanceMetrics": [
                _with({"type": x["type"], "value": x["value"]}, slice=x.get("dataset")) for x in m.metrics
            ]
        }
    considerations = _with(
        {}, technicalLimitations=m.limitations, ethicalConsiderations=[{"name": t} for t in m.ethical]
    )
    if considerations:
        card["considerations"] = considerations
    props = [*_sources(m.sources), *hash_props, _prop("hash-grade", grade_of([h for f in files for h in f.hashes]))]
    return _with(
        {"type": "machine-learning-model", "bom-ref": m.id, "name": m.name},
        version=m.version,
        licenses=_licenses(m.license),
        hashes=hashes,
        modelCard=card,
        properties=props,
    )


def _dataset(d: Dataset) -> dict[str, Any]:
    hashes, hash_props = _hashes(d.hashes)
    data = _with({"type": "dataset", "name": d.name}, contents={"url": d.location} if d.location else None)
    props = [
        *_sources(d.sources),
        *hash_props,
        _prop("hash-grade", grade_of(d.hashes)),
        *(_prop(k.removeprefix(PREFIX), v) for k, v in sorted(d.properties.items())),
    ]
    return _with(
        {"type": "data", "bom-ref": d.id, "name": d.name},
        licenses=_licenses(d.license),
        hashes=hashes,
        data=[data],
        properties=props,
    )


def _file(a: Artifact) -> dict[str, Any]:
    hashes, hash_props = _hashes(a.hashes)
    props = [*_sources(a.sources), *hash_props, _prop("hash-grade", grade_of(a.hashes))]
    if a.format:
        props.append(_prop("format", a.format))
    if a.size is not None:
        props.append(_prop("size", a.size))
    if a.pickle_verdict:
        props.append(_prop("pickle-verdict", a.pickle_verdict))
    return _with({"type": "file", "bom-ref": a.id, "name": a.path}, hashes=hashes, properties=props)


def to_cyclonedx(inv: Inventory, repository: str) -> dict[str, Any]:
    components = [
        *(_model(m, inv) for m in inv.models.values()),
        *(_dataset(d) for d in inv.datasets.values()),
        *(_file(a) for a in inv.artifacts.values()),
    ]
    components.sort(key=lambda c: c["bom-ref"])
    refs = {c["bom-ref"] for c in components}
    depends: dict[str, set[str]] = {r: set() for r in refs}
    for m in inv.models.values():
        depends[m.id].update(f for f in m.files if f in refs)
    for e in inv.edges:
        if e.target in refs and e.source in refs:
            depends[e.target].add(e.source)
    root = "repository"
    dependencies = [{"ref": root, "dependsOn": sorted(inv.models)}] if inv.models else []
    dependencies += [_with({"ref": r}, dependsOn=sorted(depends[r])) for r in sorted(refs)]
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {
            "tools": {"components": [{"type": "application", "name": "mlcomply", "version": __version__}]},
            "component": {"type": "application", "bom-ref": root, "name": repository},
        },
        "components": components,
        "dependencies": dependencies,
    }


def validate(bom_json: str) -> None:
    """FatalError naming the failing element when `bom_json` is not a valid CycloneDX 1.6 BOM
    (the JSON path only: a message could quote a value read from the repository)."""
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(bom_json)
    if error is not None:
        where = getattr(error.data, "json_path", "$")
        raise FatalError(f"write cyclonedx bom: the BOM does not validate against CycloneDX 1.6 at {where}")

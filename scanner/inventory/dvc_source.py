"""DVC stages, lock files and `.dvc` files: data and model files with their md5/etag, and the
stages that read and write them (each output made from each dependency of its stage)."""

from __future__ import annotations

import posixpath

from scanner.documents import Document
from scanner.dvc import model as dvc
from scanner.inventory.model import Edge, Hash, Inventory, Job, add_hash
from scanner.inventory.paths import is_code, is_model_file


def _location(entry: dvc.Entry) -> str | None:
    if entry.path:
        return entry.path
    raw = entry.spec.get("path")
    return str(raw) if isinstance(raw, str) and "://" in raw else None  # a URL dependency


def _hashes(entry: dvc.Entry, source: str) -> list[Hash]:
    out = []
    for field in ("md5", "etag", "checksum"):
        value = entry.spec.get(field)
        if isinstance(value, str) and value:
            directory = value.endswith(".dir")
            alg = "etag" if field == "etag" else "md5"
            out.append(Hash(alg, value.removesuffix(".dir"), source, directory))
    return out


def _node(inv: Inventory, location: str, doc: Document, entry: dvc.Entry) -> str:
    """The id of the dataset or model file at `location`, with the hashes this entry gives it."""
    if is_model_file(location) and "://" not in location:
        node = inv.artifact(location, doc.path)
        for h in _hashes(entry, doc.path):
            add_hash(node.hashes, h)
        return node.id
    ds = inv.dataset(f"dataset:{location}", posixpath.basename(location.rstrip("/")) or location, location, doc.path)
    for h in _hashes(entry, doc.path):
        add_hash(ds.hashes, h)
    return ds.id


def _import_source(doc: Document) -> str | None:
    """`dvc import` records the repository it read from: `deps: [{path, repo: {url, rev_lock}}]`."""
    deps = doc.data.get("deps") if isinstance(doc.data, dict) else None
    for dep in deps if isinstance(deps, list) else []:
        repo = dep.get("repo") if isinstance(dep, dict) else None
        if isinstance(repo, dict) and isinstance(repo.get("url"), str) and isinstance(dep.get("path"), str):
            rev = repo.get("rev_lock") or repo.get("rev")
            return f"{repo['url'].rstrip('/')}/{dep['path']}" + (f"@{rev}" if isinstance(rev, str) else "")
    return None


def add(inv: Inventory, doc: Document) -> None:
    entries = dvc.entries(doc)
    if dvc.file_type(doc) == "dvcfile":
        upstream = _import_source(doc)
        for e in entries:
            loc = _location(e)
            if e.role != "out" or loc is None:
                continue
            node = _node(inv, loc, doc, e)
            if upstream is not None:
                src = inv.dataset(f"dataset:{upstream}", upstream, upstream, doc.path)
                inv.edges.add(Edge(node, src.id, doc.path))
        return
    base = posixpath.dirname(doc.path)
    for e in entries:
        loc = _location(e)
        if loc is None or e.stage is None or is_code(loc):
            continue
        # dvc.yaml and dvc.lock of one folder describe the same stage: one job.
        job_id = f"job:{posixpath.join(base, 'dvc.yaml')}#{e.stage}"
        job = inv.jobs.setdefault(job_id, Job(job_id, e.stage, posixpath.join(base, "dvc.yaml")))
        node = _node(inv, loc, doc, e)
        side = job.inputs if e.role == "dep" else job.outputs
        if node not in side:
            side.append(node)

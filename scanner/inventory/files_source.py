"""What the listing adds: model weights no loader reads (safetensors, ONNX, GGUF...) as model
files, and the checksum lines of model cards ("model.safetensors sha256:<hex>", as in the
checksum tables of many cards) as hashes the card declares for a file of the repository."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from pathlib import Path

from scanner.documents import Document
from scanner.inventory.artifact_source import sha256
from scanner.inventory.model import COMPUTED, Hash, Inventory, add_hash
from scanner.inventory.paths import folder, is_model_file

# One sha256 on a line and one path-like token: which hash is whose is then clear.
_SHA256 = re.compile(r"(?<![0-9a-fA-F])(?:sha256[:=\s]\s*)?([0-9a-f]{64})(?![0-9a-fA-F])", re.IGNORECASE)
_PATH_TOKEN = re.compile(r"[\w.-]+(?:/[\w.-]+)*\.\w+")
_FORMATS = {".safetensors": "safetensors", ".onnx": "onnx", ".gguf": "gguf", ".tflite": "tflite", ".msgpack": "flax"}


def add_weights(inv: Inventory, files: Collection[str], root: Path | None, notes: list[str]) -> None:
    for rel in sorted(files):
        if not is_model_file(rel) or f"file:{rel}" in inv.artifacts:
            continue
        art = inv.artifact(rel, rel)
        art.format = _FORMATS.get(posixpath.splitext(rel)[1].lower())
        if root is None:
            continue
        try:
            add_hash(art.hashes, Hash("sha256", sha256(root, rel), COMPUTED))
        except OSError as exc:
            notes.append(f"hash model file {rel}: {exc.strerror or 'cannot read'}")


def add_card_checksums(inv: Inventory, doc: Document, files: Collection[str]) -> None:
    base = folder(doc.path)
    for line in (doc.text or "").splitlines():
        found = _SHA256.findall(line)
        if len(found) != 1:
            continue
        named = {
            rel
            for token in _PATH_TOKEN.findall(line)
            for rel in (posixpath.normpath(token), posixpath.normpath(posixpath.join(base, token)))
            if rel in files
        }
        if len(named) != 1:
            continue
        (rel,) = named
        target = inv.artifact(rel, doc.path) if is_model_file(rel) else None
        if target is None:
            ds = inv.dataset(f"dataset:{rel}", posixpath.basename(rel), rel, doc.path)
            add_hash(ds.hashes, Hash("sha256", found[0].lower(), doc.path))
        else:
            add_hash(target.hashes, Hash("sha256", found[0].lower(), doc.path))

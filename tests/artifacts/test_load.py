"""Model artifact containers: bad input is a load error naming what failed, never a crash."""

from __future__ import annotations

import io
import pickle
import zipfile
from pathlib import Path

import pytest

from scanner.artifacts import load as model_artifact
from scanner.documents import LoadError
from scanner.walk import FileEntry
from tests import artifact_builders as ab


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buf.getvalue()


def _entry(tmp_path: Path, name: str, content: bytes) -> FileEntry:
    path = tmp_path / name
    path.write_bytes(content)
    return FileEntry(rel=name, abs=path, size=len(content), binary=True)


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("m.pkl", pickle.dumps([1, 2], protocol=5), "pickle"),
        ("m.pt", ab.torch_zip(pickle.dumps([1], protocol=2)), "pytorch-zip"),
        ("m.pth", ab.torch_legacy(pickle.dumps([1], protocol=2)), "pytorch-legacy"),
        ("a.npy", ab.npy("<f8", b"\0" * 8), "npy"),
        ("m.keras", ab.keras([ab.dense_layer("d")]), "keras"),
        ("weights.bin", b"\x01\x02raw tensor bytes", "unknown"),
        ("model.ckpt", b"\x0a\x0btensorflow checkpoint", "unknown"),
        ("m.pt", b"version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 9\n", "lfs-pointer"),
    ],
)
def test_formats(tmp_path: Path, name: str, content: bytes, fmt: str) -> None:
    [doc] = model_artifact.load(_entry(tmp_path, name, content))
    assert doc.data["format"] == fmt
    assert all(p["error"] is None for p in doc.data["pickles"])


def test_legacy_torch_reads_every_pickle(tmp_path: Path) -> None:
    [doc] = model_artifact.load(_entry(tmp_path, "m.pth", ab.torch_legacy(pickle.dumps([1], protocol=2))))
    assert len(doc.data["pickles"]) == 5  # magic, protocol, sys info, object, storage keys


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("m.pt", b"PK\x03\x04 truncated zip", "analyse zip archive"),
        ("a.npy", b"\x93NUMPY\x01\x00\x04\x00{no}", "analyse file"),
        ("m.keras", _zip({"config.json": b"\xff\xfe{not json"}), "analyse zip archive"),
    ],
)
def test_bad_containers(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    with pytest.raises(LoadError) as err:
        model_artifact.load(_entry(tmp_path, name, content))
    assert err.value.message.startswith(message)


def test_truncated_pickle_keeps_what_was_read(tmp_path: Path) -> None:
    data = pickle.dumps(ab.Payload("true"), protocol=2)[:-3]
    [doc] = model_artifact.load(_entry(tmp_path, "m.pkl", data))
    [p] = doc.data["pickles"]
    assert p["error"] and [i["verdict"] for i in p["imports"]] == ["unsafe"]

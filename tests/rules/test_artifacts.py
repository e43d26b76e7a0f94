"""Binary model artifacts, generated here (never committed, never unpickled): pickles of every
protocol, PyTorch zip and legacy files, compressed joblib, NumPy, Keras HDF5."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import pickle
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.scan import ScanResult
from tests.artifact_builders import Payload as _Payload
from tests.artifact_builders import npy as _npy
from tests.artifact_builders import torch_legacy as _torch_legacy
from tests.artifact_builders import torch_zip as _torch_zip
from tests.conftest import run_cli


def _findings(result: ScanResult, rule: str) -> list[str]:
    return sorted(f"{f.path}:{f.pointer}" for f in result.findings if f.rule_id == rule)


EVIL = pickle.dumps(_Payload("true"), protocol=2)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_every_protocol_is_critical(protocol: int, make_repo: Callable[..., Path], scan_repo) -> None:
    evil = pickle.dumps({"w": [1.0], "x": _Payload("true")}, protocol=protocol)
    result = scan_repo(make_repo({"m.pkl": evil}))
    assert _findings(result, "MLC-ARTIFACT-001") == ["m.pkl:pickles/0/imports/0"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("zip.pt", _torch_zip(EVIL)),
        ("legacy.pth", _torch_legacy(EVIL)),
        ("gz.joblib", gzip.compress(EVIL)),
        ("bz.joblib", bz2.compress(EVIL)),
        ("xz.joblib", lzma.compress(EVIL)),
        ("z.joblib", zlib.compress(EVIL)),
        ("pytorch_model.bin", _torch_legacy(EVIL)),
        ("obj.npy", _npy("|O", EVIL)),
    ],
)
def test_containers_are_opened(name: str, content: bytes, make_repo, scan_repo) -> None:
    result = scan_repo(make_repo({name: content}))
    assert [f.rule_id for f in result.findings if f.severity == "critical"] == ["MLC-ARTIFACT-001"]
    assert result.errors == []


def test_npz_member_object_array(make_repo, scan_repo) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("labels.npy", _npy("|O", EVIL))
        z.writestr("weights.npy", _npy("<f4", b"\0\0\0\0"))
    result = scan_repo(make_repo({"arrays.npz": buf.getvalue()}))
    assert _findings(result, "MLC-ARTIFACT-003") == ["arrays.npz:object_arrays/0"]
    assert _findings(result, "MLC-ARTIFACT-001") == ["arrays.npz:pickles/0/imports/0"]


def test_malicious_pickle_is_reported_and_never_run(tmp_path: Path, make_repo) -> None:
    marker = tmp_path / "PWNED"
    repo = make_repo({"models/model.pkl": pickle.dumps(_Payload(f"touch {marker}"), protocol=4)})
    proc = run_cli("scan", repo, "--json-output", tmp_path / "out.json", "--fail-on", "critical")
    assert proc.returncode == 1, proc.stderr
    found = json.loads((tmp_path / "out.json").read_text())["findings"]
    crit = [f for f in found if f["rule_id"] == "MLC-ARTIFACT-001"]
    assert [(f["severity"], f["path"]) for f in crit] == [("critical", "models/model.pkl")]
    assert "posix.system" in crit[0]["message"] or "nt.system" in crit[0]["message"]
    assert not marker.exists()


def test_dynamic_stack_global_is_unsafe(make_repo, scan_repo) -> None:
    # STACK_GLOBAL on an int and a string: the target cannot be known without running it.
    ops = b"\x80\x04K\x01\x8c\x06system\x93)R."
    result = scan_repo(make_repo({"d.pkl": ops}))
    [f] = [f for f in result.findings if f.rule_id == "MLC-ARTIFACT-001"]
    assert "computed at load time" in f.message


def test_stack_global_operands_through_the_memo(make_repo, scan_repo) -> None:
    # "os" and "system" memoized, popped, then fetched back with BINGET before STACK_GLOBAL.
    ops = b"\x80\x04\x8c\x02os\x94\x8c\x06system\x940" + b"0h\x00h\x01\x93)R."
    result = scan_repo(make_repo({"m.pkl": ops}))
    [f] = [f for f in result.findings if f.rule_id == "MLC-ARTIFACT-001"]
    assert "os.system" in f.message


def test_safe_ml_pickle_is_silent(make_repo, scan_repo) -> None:
    state = OrderedDict(weight=[0.1, 0.2], bias=bytearray(b"\x01"), steps={1, 2})
    files = {"a.pkl": pickle.dumps(state, protocol=4), "b.pt": _torch_zip(pickle.dumps(state, protocol=2))}
    result = scan_repo(make_repo(files))
    assert [f for f in result.findings if f.rule_id.startswith("MLC-ARTIFACT")] == []
    assert result.errors == []


def test_keras_h5_lambda(make_repo, scan_repo, tmp_path: Path) -> None:
    h5py = pytest.importorskip("h5py")
    config = {
        "class_name": "Functional",
        "config": {"layers": [{"class_name": "Lambda", "config": {"name": "f"}}]},
    }
    path = tmp_path / "m.h5"
    with h5py.File(path, "w") as f:
        f.attrs["model_config"] = json.dumps(config)
    result = scan_repo(make_repo({"model.h5": path.read_bytes()}))
    assert _findings(result, "MLC-ARTIFACT-004") == ["model.h5:lambda_layers/0"]


def test_large_artifacts_are_not_capped(make_repo, builtin_rules) -> None:
    from scanner.scan import scan

    repo = make_repo({"big.pkl": EVIL + b"\0" * 4096})
    result = scan([repo], builtin_rules, max_file_bytes=1024)
    assert _findings(result, "MLC-ARTIFACT-001") == ["big.pkl:pickles/0/imports/0"]

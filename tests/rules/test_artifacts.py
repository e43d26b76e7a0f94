"""Binary model artifacts, generated here (never committed, never unpickled): pickles of every
protocol, PyTorch zip and legacy files, compressed joblib, NumPy, Keras HDF5."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import pickle
import sys
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


def _calls(*globals_: str) -> bytes:
    """A protocol-0 pickle that imports and calls each `module.name` in turn."""
    body = b"".join(
        b"c" + g.rsplit(".", 1)[0].encode() + b"\n" + g.rsplit(".", 1)[1].encode() + b"\n)R" for g in globals_
    )
    return b"(" + body + b"l."


# training_args.bin as transformers' Trainer writes it: dataclasses and enums of transformers and
# accelerate, each once or more (8 separate medium findings before); beside it, a checkpoint that
# imports unknown code once per layer.
_TRAINING_ARGS = _calls(
    "transformers.training_args.TrainingArguments",
    "transformers.trainer_utils.IntervalStrategy",
    "transformers.trainer_utils.IntervalStrategy",
    "transformers.trainer_utils.SchedulerType",
    "transformers.training_args.OptimizerNames",
    "transformers.trainer_utils.HubStrategy",
    "transformers.debug_utils.DebugOption",
    "transformers.trainer_pt_utils.AcceleratorConfig",
    "accelerate.utils.dataclasses.DistributedType",
)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {
                "out/training_args.bin": _TRAINING_ARGS,
                "out/custom.pkl": _calls("mypkg.layers.Block", "mypkg.layers.Block", "mypkg.net.Net"),
            },
            [("MLC-ARTIFACT-002", "out/custom.pkl", "medium", "mypkg.layers.Block, mypkg.net.Net")],
            id="training-args-safe-unknown-code-one-finding",
        ),
        pytest.param(
            {
                "m/numpy2.pkl": _calls("numpy._core.numeric._frombuffer", "numpy.dtypes.Float32DType"),
                "m/numpy1.pkl": _calls("numpy.core.numeric._frombuffer", "numpy.float64"),
                "m/clf.pkl": _calls(
                    "sklearn.pipeline.Pipeline",
                    "sklearn.compose._column_transformer.ColumnTransformer",
                    "xgboost.sklearn.XGBClassifier",
                    "xgboost.core.Booster",
                ),
                "m/other.pkl": _calls("sklearn.utils.validation.check_array", "catboost.core.CatBoostClassifier"),
            },
            [
                (
                    "MLC-ARTIFACT-002",
                    "m/other.pkl",
                    "medium",
                    "sklearn.utils.validation.check_array, catboost.core.CatBoostClassifier",
                )
            ],
            id="numpy1-numpy2-sklearn-xgboost-safe-library-function-medium",
        ),
        pytest.param(
            {"m/cat.pkl": _calls("catboost.core.CatBoostClassifier", "statsmodels.base.model.Results")},
            [
                (
                    "MLC-ARTIFACT-002",
                    "m/cat.pkl",
                    "low",
                    "catboost.core.CatBoostClassifier, statsmodels.base.model.Results",
                )
            ],
            id="library-classes-only-low",
        ),
        pytest.param(
            {"m/evil.pkl": _calls("mypkg.Net", "posix.system", "builtins.eval", "mypkg.Net")},
            [("MLC-ARTIFACT-001", "m/evil.pkl", "critical", "posix.system, builtins.eval")],
            id="gadgets-one-critical-finding-no-second-rule",
        ),
    ],
)
def test_one_finding_per_artifact(files, expected, make_repo, scan_repo) -> None:
    result = scan_repo(make_repo(files))
    got = [
        (f.rule_id, f.path, f.severity, f.message)
        for f in sorted(result.findings, key=lambda f: f.path)
        if f.rule_id in ("MLC-ARTIFACT-001", "MLC-ARTIFACT-002")
    ]
    assert [(r, p, s) for r, p, s, _ in got] == [(r, p, s) for r, p, s, _ in expected]
    for (*_, message), (*_, listed) in zip(got, expected, strict=True):
        assert listed in message


def test_critical_finding_names_the_unreviewed_globals_too(make_repo, scan_repo) -> None:
    result = scan_repo(make_repo({"evil.pkl": _calls("mypkg.Net", "posix.system")}))
    [f] = [f for f in result.findings if f.rule_id.startswith("MLC-ARTIFACT")]
    props = dict(f.properties)
    assert (props["unsafe_globals"], props["unreviewed_globals"]) == (["posix.system"], ["mypkg.Net"])
    assert f.message.endswith("it also imports mypkg.Net, not on the safe list")


@pytest.fixture
def joblib_module(monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    from tests.artifact_builders import _JoblibWrapper

    # A stand-in module, so that pickle can name the wrapper class (joblib is not installed).
    parent, module = types.ModuleType("joblib"), types.ModuleType("joblib.numpy_pickle")
    module.NumpyArrayWrapper = _JoblibWrapper  # type: ignore[attr-defined]
    parent.numpy_pickle = module  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "joblib", parent)
    monkeypatch.setitem(sys.modules, "joblib.numpy_pickle", module)


@pytest.mark.parametrize("alignment", [None, 16])
def test_joblib_inline_arrays_are_stepped_over(alignment: int | None, joblib_module, make_repo, scan_repo) -> None:
    # A scikit-learn model saved with joblib.dump: its arrays sit inline between opcodes. Before,
    # the analysis stopped at the first array ("not a well-formed pickle": a medium finding for
    # every such model); its twin imports os.system after the arrays and must still be critical.
    import numpy

    from tests.artifact_builders import joblib_dump

    state = {"coef_": numpy.arange(10, dtype="f8"), "classes_": numpy.array([0, 1], dtype="i8"), "n": 3}
    evil = {**state, "hook": _Payload("true")}
    files = {"m/model.pkl": joblib_dump(state, alignment), "m/evil.pkl": joblib_dump(evil, alignment)}
    result = scan_repo(make_repo(files))
    found = {(f.rule_id, f.path) for f in result.findings if f.rule_id.startswith("MLC-ARTIFACT")}
    assert found == {("MLC-ARTIFACT-001", "m/evil.pkl")}


def test_an_import_hidden_in_a_joblib_array_is_found(joblib_module, make_repo, scan_repo) -> None:
    # pickle.load (not joblib) reads the "array" bytes as opcodes: a crafted array that is a
    # pickle calling os.system runs under pickle.load, so it counts.
    import numpy

    from tests.artifact_builders import joblib_dump

    hidden = b"cos\nsystem\n(S'true'\ntR."
    array = numpy.frombuffer(hidden.ljust(32, b"\0"), dtype="u1")
    result = scan_repo(make_repo({"m.pkl": joblib_dump({"w": array})}))
    assert [f.rule_id for f in result.findings if f.rule_id.startswith("MLC-ARTIFACT")] == ["MLC-ARTIFACT-001"]

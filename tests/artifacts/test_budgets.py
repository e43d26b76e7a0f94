"""Model artifact budgets: opcodes, memo, stack, decompressed bytes, zip members, file size.
What was read before a budget ran out still counts; the file gets a `limit` error."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from scanner.artifacts import load as model_artifact
from scanner.artifacts import pickle_scan
from scanner.loaders.budgets import BudgetExceeded, Budgets, applied
from scanner.walk import FileEntry
from tests import artifact_builders as ab
from tests.scaling import scaling_ratio


def _entry(tmp_path: Path, name: str, content: bytes) -> FileEntry:
    path = tmp_path / name
    path.write_bytes(content)
    return FileEntry(rel=name, abs=path, size=len(content), binary=True)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buf.getvalue()


def _imports(data: dict) -> list[str]:  # type: ignore[type-arg]
    return [i["global"] for p in data["pickles"] for i in p["imports"]]


def test_a_declared_20_mb_string_in_a_small_gzip_is_skipped_not_held(tmp_path: Path) -> None:
    # 19 KB on disk: genops used to decode the stand-in for the skipped argument and crash.
    body = ab.declared_string(20_000_000) + b"\x8c\x08builtins\x8c\x04eval\x93"
    content = gzip.compress(ab.hostile_pickle(body), 9)
    assert len(content) < 64 << 10
    (doc,) = model_artifact.load(_entry(tmp_path, "model.joblib", content))
    assert _imports(doc.data) == ["os.system", "builtins.eval"]
    assert doc.data["pickles"][0]["error"] is None


def test_a_huge_string_never_names_a_stack_global(tmp_path: Path) -> None:
    body = b"\x8c\x02os" + b"X" + (5000).to_bytes(4, "little") + b"s" * 5000 + b"\x93"
    (doc,) = model_artifact.load(_entry(tmp_path, "m.pkl", ab.hostile_pickle(body, head=b"")))
    (imp,) = doc.data["pickles"][0]["imports"]
    assert (imp["global"], imp["verdict"]) == ("<dynamic>.<dynamic>", "unsafe")


@pytest.mark.parametrize(
    ("budgets", "body", "budget"),
    [
        (Budgets(max_pickle_memo=10_000), ab.memoize(50_000), "max_pickle_memo"),
        (Budgets(max_pickle_stack=10_000), ab.nones(50_000), "max_pickle_stack"),
        (Budgets(max_pickle_opcodes=10_000), ab.none_pop(50_000), "max_pickle_opcodes"),
    ],
)
def test_pickle_budgets_stop_the_analysis_and_keep_what_came_before(
    tmp_path: Path, budgets: Budgets, body: bytes, budget: str
) -> None:
    for name, content in [("m.pkl", ab.hostile_pickle(body)), ("m.pt", ab.torch_zip(ab.hostile_pickle(body)))]:
        with applied(budgets), pytest.raises(BudgetExceeded) as info:
            model_artifact.load(_entry(tmp_path, name, content))
        assert info.value.budget == budget
        assert f"(budget {budget}: 10000)" in info.value.message
        (doc,) = info.value.documents
        assert _imports(doc.data) == ["os.system"]  # the import before the budget still counts
        assert doc.data["pickles"][0]["error"].startswith("analysis stopped")  # never "safe"


def test_the_opcode_budget_is_per_file_not_per_pickle(tmp_path: Path) -> None:
    one = ab.hostile_pickle(ab.none_pop(300))  # ~600 opcodes each
    members = {f"archive/p{i}.pkl": one for i in range(3)}
    with applied(Budgets(max_pickle_opcodes=1000)), pytest.raises(BudgetExceeded) as info:
        model_artifact.load(_entry(tmp_path, "m.pt", _zip(members)))
    (doc,) = info.value.documents
    assert [p["member"] for p in doc.data["pickles"]] == ["archive/p0.pkl", "archive/p1.pkl"]
    assert [p["error"] is None for p in doc.data["pickles"]] == [True, False]


@pytest.mark.parametrize("container", ["gzip", "zip"])
def test_decompressed_bytes_budget(tmp_path: Path, container: str) -> None:
    content = ab.hostile_pickle(ab.declared_string(3 << 20))  # 3 MiB, compresses to a few KB
    name, data = ("m.joblib", gzip.compress(content)) if container == "gzip" else ("m.pt", ab.torch_zip(content))
    with applied(Budgets(max_decompressed_bytes=1 << 20)), pytest.raises(BudgetExceeded) as info:
        model_artifact.load(_entry(tmp_path, name, data))
    assert info.value.budget == "max_decompressed_bytes"
    (doc,) = info.value.documents
    assert _imports(doc.data) == ["os.system"]


def test_zip_member_budget_is_read_before_the_central_directory(tmp_path: Path) -> None:
    members = {f"archive/data/{i}": b"x" for i in range(50)}
    members["archive/data.pkl"] = ab.hostile_pickle(b"")
    with applied(Budgets(max_zip_members=20)), pytest.raises(BudgetExceeded) as info:
        model_artifact.load(_entry(tmp_path, "m.pt", _zip(members)))
    assert info.value.budget == "max_zip_members"
    assert "51 members, more than 20" in info.value.message
    with applied(Budgets(max_zip_members=51)):
        (doc,) = model_artifact.load(_entry(tmp_path, "m.pt", _zip(members)))
    assert _imports(doc.data) == ["os.system"]


def test_model_size_cap(tmp_path: Path) -> None:
    content = ab.hostile_pickle(b"N0" * 1000)
    with applied(Budgets(max_model_bytes=1000)), pytest.raises(BudgetExceeded) as info:
        model_artifact.load(_entry(tmp_path, "m.pkl", content))
    assert info.value.budget == "max_model_bytes"
    assert info.value.documents == []
    (doc,) = model_artifact.load(_entry(tmp_path, "m.pkl", content))  # the default cap is 2 GiB
    assert _imports(doc.data) == ["os.system"]


@pytest.mark.parametrize("body", [ab.none_pop, ab.memoize, ab.nones])
def test_pickle_analysis_is_linear(body) -> None:  # type: ignore[no-untyped-def]
    small, large = ab.hostile_pickle(body(20_000)), ab.hostile_pickle(body(160_000))
    ratio = scaling_ratio(lambda: pickle_scan.scan(io.BytesIO(small)), lambda: pickle_scan.scan(io.BytesIO(large)))
    assert ratio < 12, ratio  # linear is 8, quadratic 64

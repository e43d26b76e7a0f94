"""The parser workers answer exactly what tfparse's and pygohcl's own Python wrappers return,
though they pass the Go code's JSON through instead of decoding and re-encoding it."""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygohcl
import pytest
import tfparse

from scanner.terraform import worker
from scanner.terraform.worker import EvaluationError, HclSyntaxError, TfparseWorker

FIXTURES = Path(__file__).parent / "fixtures"
MODULES = sorted(p.parent for p in FIXTURES.rglob("main.tf"))
TF_FILES = sorted(FIXTURES.rglob("*.tf"))
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _canonical(value: Any, seen: dict[str, str] | None = None) -> Any:
    """tfparse gives each block a random UUID per call: each becomes its order of first appearance."""
    seen = {} if seen is None else seen
    if isinstance(value, dict):
        return {k: _canonical(v, seen) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v, seen) for v in value]
    if isinstance(value, str) and _UUID.fullmatch(value):
        return seen.setdefault(value, f"uuid-{len(seen)}")
    return value


def _same(got: Any, expected: Any) -> bool:
    """Equal, with the same key order and the same types (JSON tells 1 from 1.0 and True)."""
    return json.dumps(_canonical(got)) == json.dumps(_canonical(expected))


@pytest.fixture(scope="module")
def tf_worker() -> Iterator[TfparseWorker]:
    with TfparseWorker() as w:
        yield w


@pytest.fixture(scope="module")
def hcl_worker() -> Iterator[TfparseWorker]:
    with TfparseWorker(role="hcl") as w:
        yield w


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_tfparse_answer_equals_the_wrapper(tf_worker: TfparseWorker, module: Path) -> None:
    assert _same(tf_worker.load(str(module), []), tfparse.load_from_path(str(module)))


def test_tfparse_answer_with_var_files_equals_the_wrapper(tf_worker: TfparseWorker, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "n" {}\nresource "aws_s3_bucket" "b" {\n  bucket = "x-${var.n}"\n  tags = { é = "ü\\u2028" }\n}\n'
    )
    (tmp_path / "a.tfvars").write_text('n = "from-vars"\n')
    answer = tf_worker.load(str(tmp_path), ["a.tfvars"])
    assert _same(answer, tfparse.load_from_path(str(tmp_path), vars_paths=["a.tfvars"]))
    assert answer["aws_s3_bucket"][0]["bucket"] == "x-from-vars"


def test_tfparse_failure_carries_the_wrappers_message(tf_worker: TfparseWorker, tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    with pytest.raises(tfparse.ParseError) as expected:
        tfparse.load_from_path(str(missing))
    with pytest.raises(EvaluationError) as got:
        tf_worker.load(str(missing), [])
    assert str(got.value) == str(expected.value)
    assert _same(tf_worker.load(str(MODULES[0]), []), tfparse.load_from_path(str(MODULES[0])))  # still serving


@pytest.mark.parametrize("keep", [False, True])
@pytest.mark.parametrize("path", TF_FILES, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_hcl_answer_equals_the_wrapper(hcl_worker: TfparseWorker, path: Path, keep: bool) -> None:
    text = path.read_text()
    assert hcl_worker.parse_hcl(text, keep_interpolations=keep) == pygohcl.loads(text, keep_interpolations=keep)


def test_hcl_syntax_error_carries_the_wrappers_message(hcl_worker: TfparseWorker) -> None:
    with pytest.raises(pygohcl.HCLParseError) as expected:
        pygohcl.loads('a = "é\n')
    with pytest.raises(HclSyntaxError) as got:
        hcl_worker.parse_hcl('a = "é\n')
    assert str(got.value) == str(expected.value)


@pytest.mark.parametrize(
    ("raw", "passable"),
    [
        (b'{"a": [1, "\\n\xc3\xa9"]}', True),
        (b"{}", True),
        (b'{"a":\n1}', False),  # two lines: would split the answer
        (b'{"a": "\xff"}', False),  # not UTF-8
        (b"", False),
        (b"[1]", False),
        (b'{"a": 1} ', False),
    ],
)
def test_passable(raw: bytes, passable: bool) -> None:
    assert worker._passable(raw) is passable


def _served(role: str, raw: bytes, monkeypatch: pytest.MonkeyPatch) -> bytes:
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"path": "x", "vars": []}\n'))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out))
    worker._serve(role, lambda request: raw)
    return out.getvalue()


def test_serve_passes_go_json_through(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _served("tfparse", b'{"a": "\xc3\xa9"}', monkeypatch) == b'{"ok": {"a": "\xc3\xa9"}}\n'


def test_serve_decodes_an_answer_it_cannot_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    assert json.loads(_served("tfparse", b'{"a":\n 1}', monkeypatch)) == {"ok": {"a": 1}}
    failed = json.loads(_served("hcl", b'{"a": "\xff"}', monkeypatch))
    assert list(failed) == ["syntax"] and "utf-8" in failed["syntax"]


def _modules(tmp_path: Path, count: int) -> list[Path]:
    out = []
    for i in range(count):
        folder = tmp_path / f"m{i}"
        folder.mkdir()
        (folder / "main.tf").write_text(f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "bucket-{i}"\n}}\n')
        out.append(folder)
    return out


def _bucket(answer: dict[str, Any]) -> str:
    return str(answer["aws_s3_bucket"][0]["bucket"])


def test_submitted_requests_are_answered_in_order(tmp_path: Path) -> None:
    modules = _modules(tmp_path, 12)
    with TfparseWorker() as w:
        for folder in modules:
            w.submit(str(folder), [])
        assert [_bucket(w.receive()) for _ in modules] == [f"bucket-{i}" for i in range(12)]
        assert _bucket(w.load(str(modules[3]), [])) == "bucket-3"  # and it serves one at a time again


def test_a_request_that_gives_up_costs_only_itself(tmp_path: Path) -> None:
    modules = _modules(tmp_path, 5)
    with TfparseWorker() as w:
        for folder in modules:
            w.submit(str(folder), [])
        first = w.start().pid
        with pytest.raises(worker.GaveUp):
            w.receive(timeout=0.0)  # bucket-0: the worker is killed for it
        assert [_bucket(w.receive()) for _ in range(4)] == ["bucket-1", "bucket-2", "bucket-3", "bucket-4"]
        assert w.start().pid != first  # a new worker took the requests the killed one held


def test_idle_work_runs_while_the_answer_is_awaited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The waiting process does its idle work a step at a time, gets every answer, and stops
    calling once the work says there is none left. (A worker just started takes far longer than
    the 5 ms of work to load its Go runtime: the first wait holds every step.)"""
    import time

    monkeypatch.setattr(worker, "_spares", {})
    modules = _modules(tmp_path, 3)
    steps: list[int] = []

    def step() -> bool:
        time.sleep(0.001)
        steps.append(len(steps))
        return len(steps) < 5

    with TfparseWorker() as w:
        w.idle = step
        for folder in modules:
            w.submit(str(folder), [])
        assert [_bucket(w.receive()) for _ in modules] == ["bucket-0", "bucket-1", "bucket-2"]
        assert steps == [0, 1, 2, 3, 4] and w.idle is None


def test_idle_work_does_not_move_the_deadline(tmp_path: Path) -> None:
    """Endless idle work cannot hold a receive past its deadline."""
    (folder,) = _modules(tmp_path, 1)
    calls: list[int] = []

    def endless() -> bool:
        calls.append(1)
        return True

    with TfparseWorker() as w:
        w.start()
        w.submit(str(folder), [])
        w.idle = endless
        with pytest.raises(worker.GaveUp):
            w.receive(timeout=0.0)
        assert calls == []


def test_a_worker_with_requests_pending_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    modules = _modules(tmp_path, 2)
    monkeypatch.setattr(worker, "_keep_alive", True)
    monkeypatch.setattr(worker, "_spares", {})
    with TfparseWorker() as w:
        w.submit(str(modules[0]), [])  # never received: its answer must not reach the next user
    assert worker._spares == {}
    with TfparseWorker() as w:
        assert _bucket(w.load(str(modules[1]), [])) == "bucket-1"
    assert list(worker._spares) == ["tfparse"]  # a healthy, idle worker is kept
    worker.close_spares()


def _environ(pid: int) -> dict[str, str]:
    pairs = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(p.decode().split("=", 1) for p in pairs if b"=" in p)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_go_collector_settings_unless_the_environment_has_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "_spares", {})  # workers started now, with this environment
    monkeypatch.delenv("GOGC", raising=False)
    monkeypatch.delenv("GOMEMLIMIT", raising=False)
    with TfparseWorker() as w:
        env = _environ(w.start().pid)
    assert (env["GOGC"], env["GOMEMLIMIT"]) == ("400", "640MiB")
    monkeypatch.setenv("GOGC", "50")
    with TfparseWorker(role="hcl") as w:
        env = _environ(w.start().pid)
    assert (env["GOGC"], env["GOMEMLIMIT"]) == ("50", "640MiB")

"""The Rego step run while root modules load (terraform.overlap, load_modules' `built`) gives
exactly what scan.evaluate gives after loading: the same hits, scan errors and their order, and
the same scan result end to end; and it does overlap: tfparse holds several requests while the
scan's process evaluates."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from scanner import scan as pipeline
from scanner.documents import Document, ScanError
from scanner.engines.rego import BATCH_SIZE, RegoEngine
from scanner.findings import Hit
from scanner.rulesets import RuleSet
from scanner.terraform import load, worker
from scanner.terraform.overlap import RegoAhead
from scanner.walk import list_files
from tests.engines.test_rego_batch import _doc, _rules_for
from tests.engines.test_rego_batch import engine as engine


def _consume(per_doc: Iterator[Any], errors: list[ScanError]) -> list[Any]:
    """As scan._collect does: each document's hits, with an error of its own after each hit
    (so that the engine's errors must land between them), and the exception that ends them."""
    out: list[Any] = []
    for i, hits in enumerate(per_doc):
        try:
            for rule, hit in hits:
                out.append((rule.meta.id, hit.message, hit.address))
                errors.append(ScanError(f"doc{i}", f"collected {hit.message}"))
        except Exception as exc:
            out.append(type(exc).__name__)
    return out


@pytest.mark.parametrize("ahead_count", [0, 1, BATCH_SIZE - 1, BATCH_SIZE, 70, 100])
def test_replayed_equals_evaluated_after_loading(engine: RegoEngine, ahead_count: int) -> None:
    docs = [_doc(i) for i in range(100)]
    rules_for = _rules_for(engine)
    expected_errors: list[ScanError] = []
    expected = _consume(engine.evaluate_many(docs, rules_for, expected_errors), expected_errors)
    ahead = RegoAhead(engine, rules_for)
    for doc in docs[:ahead_count]:
        ahead.add(doc)
    assert ahead.evaluated == ahead_count - ahead_count % BATCH_SIZE  # whole batches, as they fill
    errors: list[ScanError] = []
    assert _consume(ahead.evaluate_many(docs, rules_for, errors), errors) == expected
    assert errors == expected_errors
    assert {e.kind for e in errors} >= {"engine", "limit"}
    assert ahead.evaluated == ahead_count


class _Failing:
    """An engine whose hits on a document interleave scan errors and end in an exception."""

    def evaluate_many(self, docs: Sequence[Document], rules_for: Any, errors: list[ScanError]) -> Iterator[Any]:
        for doc in docs:
            yield self._hits(doc, errors)

    def _hits(self, doc: Document, errors: list[ScanError]) -> Iterator[Any]:
        errors.append(ScanError(doc.path, "before the first hit", kind="engine"))
        yield "rule", Hit(message=f"{doc.path} first")
        errors.append(ScanError(doc.path, "between hits", kind="engine"))
        yield "rule", Hit(message=f"{doc.path} second")
        raise ValueError("ends the document's hits")


def test_replay_keeps_errors_between_hits_and_the_exception() -> None:
    docs = [Document(kind="terraform", path=f"r{i}", data={}) for i in range(3)]

    def run(many: Callable[..., Iterator[Any]]) -> tuple[list[Any], list[ScanError]]:
        errors: list[ScanError] = []
        out: list[Any] = []
        for hits in many(docs, None, errors):
            try:
                for _, hit in hits:
                    out.append(hit.message)
                    errors.append(ScanError("collector", hit.message))
            except ValueError:
                out.append("ValueError")
        return out, errors

    ahead = RegoAhead(_Failing(), lambda d: ())  # type: ignore[arg-type]
    ahead.add(docs[0])
    ahead.add(docs[2])
    ahead.flush()
    assert run(ahead.evaluate_many) == run(_Failing().evaluate_many)
    assert ahead.evaluated == 2


STACK = """module "lake" {{
  source = "../../modules/lake"
  name   = "lake-{i}"
}}
resource "aws_s3_bucket" "logs" {{
  bucket = "logs-{i}"
  acl    = "{acl}"
}}
"""
LAKE = """variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
"""
ROOTS = 40  # more than AHEAD + 1: the queue fills


def _repo(make_repo: Callable[..., Path]) -> Path:
    files = {"modules/lake/main.tf": LAKE, "k8s/pod.yaml": "apiVersion: v1\nkind: Pod\nspec: {containers: []}\n"}
    for i in range(ROOTS):
        files[f"stacks/s{i:02d}/main.tf"] = STACK.format(i=i, acl="public-read" if i % 3 else "private")
    files["stacks/s05/terraform.tfvars"] = "name = \n"  # invalid: an error in the middle of the queue
    files["stacks/s07/main.tf"] += 'unknown_block "x" {}\n'  # Terraform rejects the module
    files["stacks/s11/main.tf"] += 'resource "aws_s3_bucket" "more" {\n  count  = 3\n  bucket = "m${count.index}"\n}\n'
    return make_repo(files)


def test_scan_with_overlap_equals_one_request_at_a_time(
    make_repo: Callable[..., Path], builtin_rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo(make_repo)
    made: list[RegoAhead] = []
    queued: list[int] = []

    def spied(*args: Any) -> RegoAhead:
        made.append(RegoAhead(*args))
        return made[-1]

    receive = worker.TfparseWorker.receive

    def counted(self: worker.TfparseWorker, timeout: float | None = None) -> dict[str, Any]:
        queued.append(len(self._pending))
        return receive(self, timeout)

    monkeypatch.setattr(pipeline, "RegoAhead", spied)
    monkeypatch.setattr(worker.TfparseWorker, "receive", counted)
    overlapped = pipeline.scan([root], builtin_rules)
    tf_docs = [d for d in overlapped.docs or () if d.kind == "terraform"]
    assert len(tf_docs) == ROOTS - 1  # s07 is rejected
    assert made[0].evaluated == len(tf_docs)  # every root module's Rego step ran while loading
    assert max(queued) == load.AHEAD + 1 and len(queued) == len(tf_docs)

    monkeypatch.setattr(pipeline, "RegoAhead", lambda *args: None)
    monkeypatch.setattr(load, "AHEAD", 0)
    queued.clear()
    serial = pipeline.scan([root], builtin_rules)
    assert max(queued) == 1

    assert overlapped.findings == serial.findings
    assert overlapped.errors == serial.errors
    assert {e.path for e in serial.errors} >= {"stacks/s05/terraform.tfvars", "stacks/s07/main.tf"}
    assert len({f.path for f in serial.findings if f.rule_id.startswith("MLC-AWS-S3")}) >= ROOTS - 1
    assert overlapped.rule_documents == serial.rule_documents


def _files() -> dict[str, str | bytes]:
    """Many small files, with every way one can fail or go the one-at-a-time way among them."""
    files: dict[str, str | bytes] = {"modules/lake/main.tf": LAKE}
    for i in range(12):
        files[f"stacks/s{i:02d}/main.tf"] = STACK.format(i=i, acl="public-read")
        for k in range(6):
            files[f"stacks/s{i:02d}/extra_{k}.tf"] = (
                f'resource "aws_s3_bucket" "x{k}" {{\n  bucket = "x-{i}-{k}-é"\n}}\n'
                f'resource "aws_s3_bucket" "x{k}" {{\n  bucket = "dup"\n}}\n'
                if (i, k) == (3, 2)  # a duplicate address
                else f'resource "aws_s3_bucket" "x{k}" {{\n  bucket = "x-{i}-{k}-é"\n}}\n'
            )
    files["stacks/s01/extra_1.tf"] = 'resource "aws_s3_bucket" "broken" {\n  bucket = \n}\n'  # syntax
    files["stacks/s02/extra_2.tf.json"] = '{"resource": {"aws_s3_bucket": {"j": {"bucket": "json"}}}}'
    files["stacks/s04/extra_2.tf"] = "a = \n"  # queued, failing: its error comes before the next file's
    files["stacks/s04/extra_3.tf"] = b"\xff\xfe not utf-8"
    files["stacks/s05/extra_4.tf"] = "x = " + "[" * 300 + "]" * 300 + "\n"  # too deep
    files["stacks/s06/extra_5.tf"] = "x = 1e999999\n"  # a huge exponent
    files["stacks/s08/extra_0.tf"] = 'resource "aws_s3_bucket" "big" {\n' + "  # padding\n" * 3000 + "}\n"
    return files


def test_queued_hcl_parses_equal_one_file_at_a_time(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(_files(), git_repo=False)
    (root / "stacks/s09/link.tf").symlink_to(root / "stacks/s09/main.tf")  # refused
    listing = list_files([root])
    entries = [e for e in listing.files if e.rel.endswith((".tf", ".tf.json"))]
    depth: list[int] = []
    receive_hcl = worker.TfparseWorker.receive_hcl

    def counted(self: worker.TfparseWorker, timeout: float | None = None) -> dict[str, Any]:
        depth.append(len(self._pending))
        return receive_hcl(self, timeout)

    monkeypatch.setattr(worker.TfparseWorker, "receive_hcl", counted)
    queued_docs, queued_errors = load.load_modules(listing.root, entries)
    assert max(depth) >= 6  # the files of a folder queue up (its main.tf, with module calls, waits for them)

    monkeypatch.setattr(load._Stage, "queue", lambda self, data, rel, checked=None: None)
    depth.clear()
    docs, errors = load.load_modules(listing.root, entries)
    assert depth == []
    assert [(d.path, d.data, d.addresses) for d in queued_docs] == [(d.path, d.data, d.addresses) for d in docs]
    assert queued_errors == errors
    bad = {
        "stacks/s01/extra_1.tf",
        "stacks/s04/extra_2.tf",
        "stacks/s04/extra_3.tf",
        "stacks/s05/extra_4.tf",
        "stacks/s06/extra_5.tf",
    }
    assert bad | {"stacks/s03/extra_2.tf"} <= {e.path for e in errors}

"""The early step (terraform.early): a group's first root modules go to tfparse before the rest
of it is parsed, and the documents and scan errors are exactly those of the usual path, whether
the early requests stand or are withdrawn (a file that fails to parse, an unknown block type, a
refused module source, a cycle, variable files, a group of several units)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from scanner.terraform import early, load, mirror, worker
from scanner.walk import list_files
from tests.terraform.loaded import loaded

MODULE = """
variable "name" {}
resource "aws_s3_bucket" "b" {
  bucket = var.name
}
output "arn" {
  value = aws_s3_bucket.b.arn
}
"""


def _stack(n: int) -> dict[str, str]:
    here = f"stacks/s{n:02d}"
    return {
        f"{here}/main.tf": f'module "lake" {{\n  source = "../../modules/lake"\n  name = "lake-{n}"\n}}\n',
        f"{here}/buckets.tf": f'resource "aws_s3_bucket" "own" {{\n  bucket = "own-{n}"\n  acl = var.acl\n}}\n',
        f"{here}/variables.tf": 'variable "acl" {\n  default = "private"\n}\n',
        f"{here}/files.tf": 'locals {\n  policy = file("${path.module}/policy.json")\n}\n',
    }


def _tree(changes: Mapping[str, str] = {}) -> dict[str, str]:
    files = {"modules/lake/main.tf": MODULE}
    for n in range(6):
        files.update(_stack(n))
    files["stacks/s03/terraform.tfvars"] = 'acl = "public-read"\n'
    return {**files, **changes}


def _without_early(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[Any]]:
    with monkeypatch.context() as m:
        m.setattr(early, "submit", lambda *args: None)
        return loaded(root)


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the two workers were asked, in order: 'tfparse' for a root module's request, 'hcl'
    for a file's parse answer taken; 'withdrawn' when early requests were taken back."""
    seen: list[str] = []
    submit, receive_hcl, parse_hcl, withdraw = (
        worker.TfparseWorker.submit,
        worker.TfparseWorker.receive_hcl,
        worker.TfparseWorker.parse_hcl,
        worker.TfparseWorker.withdraw,
    )

    def on_submit(self: worker.TfparseWorker, *args: Any) -> None:
        seen.append("tfparse")
        submit(self, *args)

    def on_receive(self: worker.TfparseWorker, *args: Any, **kw: Any) -> Any:
        seen.append("hcl")
        return receive_hcl(self, *args, **kw)

    def on_parse(self: worker.TfparseWorker, *args: Any, **kw: Any) -> Any:
        seen.append("hcl")
        return parse_hcl(self, *args, **kw)

    def on_withdraw(self: worker.TfparseWorker, count: int) -> None:
        seen.append("withdrawn")
        withdraw(self, count)

    monkeypatch.setattr(worker.TfparseWorker, "submit", on_submit)
    monkeypatch.setattr(worker.TfparseWorker, "receive_hcl", on_receive)
    monkeypatch.setattr(worker.TfparseWorker, "parse_hcl", on_parse)
    monkeypatch.setattr(worker.TfparseWorker, "withdraw", on_withdraw)
    return seen


def test_roots_go_to_tfparse_before_the_group_is_parsed_with_the_usual_answers(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, events: list[str]
) -> None:
    root = make_repo(_tree(), git_repo=False)
    docs, errors = loaded(root)
    first_request = events.index("tfparse")
    assert "hcl" in events[first_request:]  # files were still being parsed
    assert "withdrawn" not in events
    assert len(docs) == 6
    public = next(d for d in docs if d[0] == "stacks/s03")[1]["resources"]
    assert {r["address"]: r["config"].get("acl") for r in public}["aws_s3_bucket.own"] == "public-read"
    assert (docs, errors) == _without_early(root, monkeypatch)


BAD_FILES = {
    "a file that does not parse": {"stacks/s02/broken.tf": 'resource "aws_s3_bucket" "x" {\n  bucket = \n'},
    "an unknown top-level block": {"stacks/s04/odd.tf": "frobnicate {\n}\n"},
    "a module call leaving the root": {"stacks/s01/out.tf": 'module "o" {\n  source = "../../../elsewhere"\n}\n'},
    "a module call to a missing folder": {"stacks/s05/gone.tf": 'module "g" {\n  source = "../nowhere"\n}\n'},
    "a module cycle": {
        "modules/lake/loop.tf": 'module "again" {\n  source = "../loop"\n}\n',
        "modules/loop/main.tf": 'module "back" {\n  source = "../lake"\n}\n',
    },
    "a bad variable file": {"stacks/s00/terraform.tfvars": "acl = \n"},
    "a number with a huge exponent": {"stacks/s03/huge.tf": "locals {\n  x = 1e-99999\n}\n"},
    "JSON syntax": {"stacks/s02/extra.tf.json": '{"resource": {"aws_s3_bucket": {"j": {"bucket": "j"}}}}'},
}
# Terraform loads nothing from a missing module folder, and reads JSON files as the HCL ones: no error.
QUIET = {"a module call to a missing folder", "JSON syntax"}


@pytest.mark.parametrize("case", BAD_FILES)
def test_what_the_early_step_cannot_take_ends_as_the_usual_path_ends(
    case: str, make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, events: list[str]
) -> None:
    root = make_repo(_tree(BAD_FILES[case]), git_repo=False)
    docs, errors = loaded(root)
    assert bool(errors) == (case not in QUIET)
    assert (docs, errors) == _without_early(root, monkeypatch)


def test_withdrawn_requests_leave_the_mirror_as_the_usual_path_writes_it(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, events: list[str]
) -> None:
    """A file sent early that then fails to parse: the requests are withdrawn, the file leaves the
    mirror, and its folder's resources are evaluated without it (not dropped with it)."""
    root = make_repo(_tree(BAD_FILES["a file that does not parse"]), git_repo=False)
    removed: list[str] = []
    remove = mirror.Mirror.remove
    monkeypatch.setattr(mirror.Mirror, "remove", lambda self, rel: (removed.append(rel), remove(self, rel)))
    docs, errors = loaded(root)
    assert "withdrawn" in events
    assert removed == ["stacks/s02/broken.tf"]
    assert [e.path for e in errors] == ["stacks/s02/broken.tf"]
    s02 = next(d for d in docs if d[0] == "stacks/s02")[1]["resources"]
    assert {"aws_s3_bucket.own", "module.lake.aws_s3_bucket.b"} <= {r["address"] for r in s02}


def test_withdraw_keeps_the_older_requests(tmp_path: Path) -> None:
    for name in "abc":
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.tf").write_text(f'resource "aws_s3_bucket" "{name}" {{\n  bucket = "{name}"\n}}\n')
    with worker.TfparseWorker() as w:
        for name in "abc":
            w.submit(str(tmp_path / name), [])
        w.withdraw(2)
        answer = w.receive(60)
        assert [r["bucket"] for r in answer["aws_s3_bucket"]] == ["a"]
        assert not w._pending
        w.submit(str(tmp_path / "c"), [])  # the successor takes new requests
        assert [r["bucket"] for r in w.receive(60)["aws_s3_bucket"]] == ["c"]


def test_a_withdrawal_in_a_later_group_keeps_the_earlier_groups_requests(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, events: list[str]
) -> None:
    """Groups (units of the cache) load in one pass: when a group's early requests are withdrawn,
    the worker is ended while it still holds the earlier groups' requests; they go to its
    successor and are answered as usual."""
    root = make_repo(_tree(BAD_FILES["a file that does not parse"]), git_repo=False)
    entries = [e for e in list_files([root]).files if e.rel.endswith((".tf", ".tfvars"))]
    groups = [[e for e in entries if e.rel.startswith((f"stacks/s{n:02d}/", "modules/"))] for n in (0, 1, 3, 2, 4)]

    def run() -> list[Any]:
        out = load.load_groups(root, groups)
        return [([(d.path, d.data) for d in docs], errors) for docs, errors in out]

    loaded = run()
    assert "withdrawn" in events
    assert [len(docs) for docs, _ in loaded] == [1, 1, 1, 1, 1]
    with monkeypatch.context() as m:
        m.setattr(early, "submit", lambda *args: None)
        assert loaded == run()

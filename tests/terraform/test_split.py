"""A large root module evaluated in parts by several tfparse processes (terraform.split): the
documents and scan errors are exactly those of one evaluation, on the early path and the usual
one, when a part fails, when the answers cannot be merged, and when the text hides a definition
its parse shows (the early parts are withdrawn)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scanner.terraform import early, load, mirror, split, worker
from scanner.terraform.split import Part, defines, plan, references
from tests.terraform.loaded import loaded

LAKE = """
variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
output "bucket" {
  value = aws_s3_bucket.this.bucket
}
"""

SHARED = """
variable "prefix" {}
resource "aws_kms_key" "shared" {
  description = "${var.prefix}-shared"
}
output "arn" {
  value = aws_kms_key.shared.arn
}
"""


def _bucket_file(i: int) -> str:
    # Each file refers to files beside it: locals, variables, a key, a data source, a module,
    # the next file's bucket (a chain), and a spaced traversal.
    nxt = (i + 1) % 8
    return f"""
resource "aws_s3_bucket" "a{i}" {{
  bucket = "${{local.prefix}}-a{i}"
  tags   = local.common_tags
}}

resource "aws_s3_bucket_versioning" "v{i}" {{
  count  = var.env == "prod" ? 1 : 0
  bucket = aws_s3_bucket . a{i} . id
  versioning_configuration {{
    status = "Enabled"
  }}
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "e{i}" {{
  for_each = toset(["x", "y"])
  bucket   = "${{aws_s3_bucket.a{i}.id}}-${{each.key}}"
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm     = "aws:kms"
      kms_master_key_id = {"aws_kms_key.k.arn" if i % 2 else "module.shared.arn"}
    }}
  }}
}}

resource "aws_s3_bucket_policy" "p{i}" {{
  bucket = aws_s3_bucket.a{nxt}.id
  policy = data.aws_iam_policy_document.read.json
}}

resource "aws_s3_bucket_cors_configuration" "c{i}" {{
  bucket = aws_s3_bucket.a{i}.id
  dynamic "cors_rule" {{
    for_each = var.origins
    content {{
      allowed_methods = ["GET"]
      allowed_origins = [cors_rule.value]
    }}
  }}
}}
"""


def _tree() -> dict[str, str]:
    files = {
        "infra/variables.tf": (
            'variable "env" {\n  default = "dev"\n}\n'
            'variable "tags" {\n  default = { team = "ml" }\n}\n'
            'variable "origins" {\n  default = ["https://a.example"]\n}\n'
            'variable "unset" {}\n'
        ),
        "infra/terraform.tfvars": 'env = "prod"\n',
        "infra/locals.tf": (
            'locals {\n  prefix = "${var.env}-ml"\n  common_tags = merge(var.tags, { env = var.env })\n}\n'
        ),
        "infra/keys.tf": 'resource "aws_kms_key" "k" {\n  description = local.prefix\n}\n',
        "infra/data.tf": (
            'data "aws_iam_policy_document" "read" {\n  statement {\n    actions   = ["s3:GetObject"]\n'
            '    resources = ["${aws_s3_bucket.a0.arn}/*"]\n  }\n}\n'
        ),
        "infra/lake.tf": 'module "lake" {\n  source = "./modules/lake"\n  name   = "${local.prefix}-lake"\n}\n',
        "infra/shared.tf": 'module "shared" {\n  source = "../shared"\n  prefix = var.unset\n}\n',
        "infra/lake_policy.tf": (
            'resource "aws_s3_bucket_policy" "lake" {\n  bucket = module.lake.bucket\n'
            "  policy = data.aws_iam_policy_document.read.json\n}\n"
        ),
        "infra/alone.tf": 'resource "aws_sqs_queue" "q" {\n  name = "alone"\n}\n',
        "infra/modules/lake/main.tf": LAKE,
        "shared/main.tf": SHARED,
        # A module in a folder above the root (the scan's top): only a view that holds the
        # files around the root, not only its folders, reaches it.
        "main.tf": LAKE.replace("this", "top"),
        "infra/top.tf": 'module "top" {\n  source = "../"\n  name   = "top"\n}\n',
    }
    for i in range(8):
        files[f"infra/buckets_{i}.tf"] = _bucket_file(i)
    return files


def _whole(root: Path, monkeypatch: pytest.MonkeyPatch, then: int) -> tuple[list[Any], list[Any]]:
    """The root's documents and errors evaluated in one piece; then `then` lanes for the test."""
    with monkeypatch.context() as m:
        m.setattr(split, "lanes", lambda: 1)
        whole = loaded(root)
    monkeypatch.setattr(split, "lanes", lambda: then)
    return whole


@pytest.fixture
def forced(monkeypatch: pytest.MonkeyPatch) -> list[split.Sent]:
    """Every root module split when its references allow it, whatever its size; the sent
    splits, in order."""
    monkeypatch.setattr(split, "MIN_BYTES", 0)
    monkeypatch.setattr(split, "MAX_SHARE", 1.0)
    sent: list[split.Sent] = []
    real = split.send

    def record(*args: Any) -> split.Sent | None:
        out = real(*args)
        if out is not None:
            sent.append(out)
        return out

    monkeypatch.setattr(split, "send", record)
    return sent


@pytest.mark.parametrize("lanes", [2, 3])
@pytest.mark.parametrize("path", ["early", "usual"])
def test_parts_give_the_whole_roots_answer(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, forced: list[split.Sent], lanes: int, path: str
) -> None:
    root = make_repo(_tree(), git_repo=False)
    whole = _whole(root, monkeypatch, then=lanes)
    if path == "usual":
        monkeypatch.setattr(early, "submit", lambda *args: None)
    assert loaded(root) == whole
    [sent] = forced
    assert len(sent.plan.parts) == lanes
    # Each root file is owned once; the variables and locals are in every part that refers to them.
    owned = [rel for part in sent.plan.parts for rel in part.owned]
    assert sorted(owned) == sorted(
        rel for rel in _tree() if rel.startswith("infra/") and rel.count("/") == 1 and rel.endswith(".tf")
    )
    holder = next(part for part in sent.plan.parts if "infra/buckets_0.tf" in part.owned)
    assert {"infra/locals.tf", "infra/variables.tf", "infra/keys.tf", "infra/buckets_1.tf"} <= set(holder.files)
    docs, _ = whole
    [(_, data, _)] = docs
    addresses = {r["address"] for r in data["resources"]}
    assert {
        "module.top.aws_s3_bucket.top",
        "module.shared.aws_kms_key.shared",
        "aws_s3_bucket_versioning.v3[0]",
    } <= addresses


def test_a_part_that_fails_costs_the_whole_roots_evaluation(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, forced: list[split.Sent]
) -> None:
    root = make_repo(_tree(), git_repo=False)
    whole = _whole(root, monkeypatch, then=2)
    receive = worker.TfparseWorker.receive
    failed: list[str] = []

    def fail_once(self: worker.TfparseWorker, timeout: float | None = None) -> Any:
        answer = receive(self, timeout)
        if not failed:
            failed.append("yes")
            raise worker.EvaluationError("a part alone failed")
        return answer

    monkeypatch.setattr(worker.TfparseWorker, "receive", fail_once)
    assert loaded(root) == whole
    assert failed and forced


def test_answers_that_cannot_be_merged_cost_the_whole_roots_evaluation(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, forced: list[split.Sent]
) -> None:
    root = make_repo(_tree(), git_repo=False)
    whole = _whole(root, monkeypatch, then=2)

    def unmerged(*args: Any) -> Any:
        raise split.Unmerged("a block nobody owns")

    monkeypatch.setattr(split, "merge", unmerged)
    assert loaded(root) == whole
    assert forced


def test_a_folder_without_links_evaluates_the_root_in_one_piece(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, forced: list[split.Sent]
) -> None:
    root = make_repo(_tree(), git_repo=False)
    whole = _whole(root, monkeypatch, then=2)

    def refused(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(mirror.os, "link", refused)
    assert loaded(root) == whole
    assert not forced  # nothing was sent in parts


def test_a_part_out_of_time_is_reported_as_the_whole(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, forced: list[split.Sent]
) -> None:
    root = make_repo(_tree(), git_repo=False)
    monkeypatch.setattr(early, "submit", lambda *args: None)  # asked just before the answer is awaited
    # Every file is parsed in time; then a root module's evaluation has a millisecond.
    parsed: list[bool] = []
    fill, timeout = load._fill_mirror, load._Stage.timeout
    monkeypatch.setattr(load, "_fill_mirror", lambda *a, **k: (parsed.append(True), fill(*a, **k))[1])
    monkeypatch.setattr(
        load._Stage, "timeout", lambda self: (0.001, "terraform_module_seconds") if parsed else timeout(self)
    )
    whole = _whole(root, monkeypatch, then=2)
    parsed.clear()
    docs, errors = loaded(root)
    assert forced and not docs
    assert (docs, [e.message for e in errors]) == (whole[0], [e.message for e in whole[1]])
    assert "gave up after 0.001 s" in errors[0].message
    # The helpers' late answers were forgotten: the next scan is in step.
    monkeypatch.setattr(load._Stage, "timeout", timeout)
    assert len(loaded(root)[0]) == 1


def test_a_definition_only_the_parse_shows_withdraws_the_early_parts(
    make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, forced: list[split.Sent]
) -> None:
    # The label's escape hides `b1x` from the text; a bucket in another file refers to it. Its
    # file is held with the chain of buckets; by the text alone, the other could go elsewhere.
    files = {
        **_tree(),
        "infra/escaped.tf": 'resource "aws_s3_bucket" "b\\u0031x" {\n  bucket = aws_s3_bucket.a0.bucket\n}\n',
        "infra/user.tf": 'resource "aws_s3_bucket_acl" "u" {\n  bucket = aws_s3_bucket.b1x.id\n  acl = "private"\n}\n',
    }
    root = make_repo(files, git_repo=False)
    whole = _whole(root, monkeypatch, then=2)
    withdrawn: list[int] = []
    real = worker.TfparseWorker.withdraw

    def record(self: worker.TfparseWorker, count: int) -> None:
        withdrawn.append(count)
        real(self, count)

    monkeypatch.setattr(worker.TfparseWorker, "withdraw", record)
    assert loaded(root) == whole
    assert withdrawn, "the early parts stood on a plan the parse contradicts"
    early_plan, usual_plan = (s.plan for s in forced)
    escaped = next(p for p in usual_plan.parts if "infra/user.tf" in p.owned)
    assert "infra/escaped.tf" in escaped.files
    assert early_plan != usual_plan


def test_small_roots_and_json_or_override_files_are_not_split() -> None:
    files = {f"m{i}.tf": f'resource "aws_sqs_queue" "q{i}" {{\n  name = "q{i}"\n}}\n' for i in range(4)}
    costs = {rel: len(text) for rel, text in files.items()}
    assert plan(files, costs, 2) is None  # below MIN_BYTES
    big = {rel: split.MIN_BYTES for rel in files}
    assert plan(files, big, 2) is not None
    assert plan(files, big, 1) is None
    assert plan({**files, "x.tf.json": "{}"}, {**big, "x.tf.json": 2}, 2) is None
    assert plan({**files, "x_override.tf": ""}, {**big, "x_override.tf": 2}, 2) is None


def test_a_root_its_references_tie_together_is_not_split() -> None:
    # Every file refers to a hub that refers to every file: any part holds all of them.
    files = {f"m{i}.tf": f'resource "aws_sqs_queue" "q{i}" {{\n  name = local.hub\n}}\n' for i in range(4)}
    files["hub.tf"] = (
        'locals {\n  hub = join(",", [' + ", ".join(f"aws_sqs_queue.q{i}.name" for i in range(4)) + "])\n}\n"
    )
    costs = dict.fromkeys(files, split.MIN_BYTES)
    assert plan(files, costs, 2) is None


def test_parts_own_each_file_once_and_hold_what_it_reaches() -> None:
    files = {
        "v.tf": 'variable "env" {}\n',
        "a.tf": 'resource "aws_sqs_queue" "a" {\n  name = var.env\n}\n',
        "b.tf": 'resource "aws_sqs_queue" "b" {\n  name = aws_sqs_queue.a.name\n}\n',
        "c.tf": 'resource "aws_sqs_queue" "c" {\n  name = "c"\n}\n',
        "d.tf": 'resource "aws_sqs_queue" "d" {\n  name = "d"\n}\n',
    }
    costs = {"v.tf": 1, "a.tf": split.MIN_BYTES, "b.tf": 1, "c.tf": split.MIN_BYTES, "d.tf": split.MIN_BYTES}
    parts = plan(files, costs, 2)
    assert parts is not None
    assert sorted(rel for p in parts for rel in p.owned) == sorted(files)
    holder = next(p for p in parts if "b.tf" in p.owned)
    assert {"a.tf", "v.tf"} <= set(holder.files)


def test_what_a_text_defines_and_refers_to() -> None:
    text = """
resource aws_s3_bucket plain {
}
resource "aws_s3_bucket" "quoted" { bucket = "x" }
data "aws_iam_policy_document" "p" {}
module "m" { source = "./m" }
variable "v" {}
locals {
  first  = 1
  second = local.first == 1
}
"""
    assert defines(text) >= {
        ("resource", "aws_s3_bucket", "plain"),
        ("resource", "aws_s3_bucket", "quoted"),
        ("data", "aws_iam_policy_document", "p"),
        ("module", "m"),
        ("var", "v"),
        ("local", "first"),
        ("local", "second"),
    }
    refs = references(
        'x = aws_s3_bucket . b . id\ny = "${local.a}-${var.b}"\nz = data.aws_iam_policy_document.p.json\n'
        "w = module.m.out\n# a comment naming aws_kms_key.k\nv = aws_s3_bucket.ünïcode_1[0].id\n"
    )
    assert refs >= {
        ("resource", "aws_s3_bucket", "b"),
        ("local", "a"),
        ("var", "b"),
        ("data", "aws_iam_policy_document", "p"),
        ("module", "m"),
        ("resource", "aws_kms_key", "k"),
        ("resource", "aws_s3_bucket", "ünïcode_1"),
    }
    assert ("resource", "aws_s3_bucket", "ünïcode_1") in defines('resource "aws_s3_bucket" "ünïcode_1" {}')


def test_a_view_holds_the_parts_files_and_reaches_the_tree_around_it() -> None:
    with mirror.Mirror() as tree:
        for rel in ("a/b/x.tf", "a/b/y.tf", "a/b/modules/m/main.tf", "a/common/main.tf", "top/main.tf"):
            tree.add(rel, f"# {rel}\n")
        view = tree.view("a/b", ["a/b/x.tf"])
        assert sorted(os.listdir(view)) == ["modules", "x.tf"]
        assert (view / "modules" / "m" / "main.tf").read_text() == "# a/b/modules/m/main.tf\n"
        assert (view / ".." / "common" / "main.tf").read_text() == "# a/common/main.tf\n"
        assert (view / ".." / ".." / "top" / "main.tf").is_file()
        assert tree.view(".", ["top/main.tf"]) != view  # each view its own folder


def test_merge_keeps_each_block_from_its_owner_and_every_id() -> None:
    def block(path: str, filename: str, block_id: str) -> dict[str, Any]:
        meta = {"path": path, "filename": filename, "type": "resource"}
        return {"__tfmeta": meta, "id": block_id}

    parts = [Part(frozenset({"r/a.tf"}), ("r/a.tf", "r/b.tf")), Part(frozenset({"r/b.tf"}), ("r/b.tf",))]
    first = {"aws_sqs_queue": [block("aws_sqs_queue.a", "a.tf", "1"), block("aws_sqs_queue.b", "b.tf", "2")]}
    second = {"aws_sqs_queue": [block("aws_sqs_queue.b", "b.tf", "3")]}
    merged, ids = split.merge([first, second], parts, "r", {"r/a.tf": frozenset(), "r/b.tf": frozenset()})
    assert [b["id"] for b in merged["aws_sqs_queue"]] == ["1", "3"]
    assert ids == {"1": "aws_sqs_queue.a", "2": "aws_sqs_queue.b", "3": "aws_sqs_queue.b"}
    with pytest.raises(split.Unmerged):
        split.merge([{"x": [block("module.gone.x.y", "m/x.tf", "4")]}, {}], parts, "r", {})


def test_a_plan_is_bounded_however_the_files_refer_to_each_other(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every file refers to every other: the closures would take files squared steps each.
    n = 120
    names = [f"q{i}" for i in range(n)]
    refs = " ".join(f"aws_sqs_queue.{q}.arn" for q in names)
    files = {f"m{i}.tf": f'resource "aws_sqs_queue" "{names[i]}" {{\n  name = "{refs}"\n}}\n' for i in range(n)}
    costs = dict.fromkeys(files, split.MIN_BYTES)
    monkeypatch.setattr(split, "MAX_STEPS", 1000)
    assert plan(files, costs, 2) is None  # given up, not slow


def test_module_bytes_count_each_call_and_each_folder_once() -> None:
    # A chain of modules each calling the next twice: 2**40 instances, counted in 40 steps.
    calls = {f"m{i}": {"a": f"m{i + 1}", "b": f"m{i + 1}"} for i in range(40)}
    sizes = {f"m{i}": 1 for i in range(41)}
    assert split._module_bytes("m0", sizes, calls, {}) == 2**41 - 1
    cycle = {"x": {"a": "y"}, "y": {"a": "x"}}
    assert split._module_bytes("x", {"x": 1, "y": 2}, cycle, {}) == 3
    deep = {f"d{i}": {"a": f"d{i + 1}"} for i in range(5000)}  # deeper than Python's recursion
    assert split._module_bytes("d0", {f"d{i}": 1 for i in range(5001)}, deep, {}) == 5001

"""The mirror tfparse evaluates: which module sources it may follow, and the rewrites that take
every way out of the scan root away (checked by parsing the result again)."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import pygohcl
import pytest

from scanner.terraform import mirror


@pytest.mark.parametrize(
    ("directory", "source", "reason"),
    [
        ("infra", "./mod", None),
        ("infra", "../modules/vpc", None),
        ("a/b", "../../x", None),  # up to the root, not above it
        ("infra", "../../x", "leaves the scan root"),
        ("infra", "./a/../../../x", "leaves the scan root"),
        ("infra", "/etc/terraform", "is an absolute or home path"),
        ("infra", "~/mods", "is an absolute or home path"),
        ("infra", "file:///srv/mod", "is an absolute or home path"),
        ("infra", "..", "is an absolute or home path"),
        ("infra", "${local.p}/mod", "is not a literal path"),
        ("infra", "../x\n", "is not a literal path"),
        ("infra", ["../x"], "is not a literal path"),
        ("infra", "terraform-aws-modules/vpc/aws", None),  # registry: never downloaded
        ("infra", "git::https://example.com/m.git", None),
        ("infra", None, None),
    ],
)
def test_refusal(directory: str, source: Any, reason: str | None) -> None:
    assert mirror.refusal(directory, source) == reason


def _module_sources(text: str) -> dict[str, Any]:
    return dict(mirror.module_sources(pygohcl.loads(text, keep_interpolations=True)))


@pytest.mark.parametrize(
    "call",
    [
        'source = "../../../outside"',
        'source = "\\u002e\\u002e/\\u002e\\u002e/\\u002e\\u002e/outside"',
        'source = "${local.up}/outside"',
        'source = "/srv/outside"',
    ],
)
def test_refused_sources_point_nowhere(call: str) -> None:
    text = f'module "m" {{\n  {call}\n}}\nmodule "ok" {{\n  source = "../mod"\n}}\n'
    out = mirror.neutralise("infra/main.tf", text, pygohcl.loads(text, keep_interpolations=True))
    assert out is not None and out.count("\n") == text.count("\n")  # lines kept for tfparse's positions
    assert _module_sources(out) == {"m": mirror.NOWHERE, "ok": "../mod"}


@pytest.mark.parametrize(
    "expr",
    [
        'file("../../../etc/passwd")',
        'file /* gap */ ("x")',
        'templatefile("x", {})',
        'yamldecode(filebase64("x"))',
        '"${file("x")}"',
    ],
)
def test_file_functions_are_renamed(expr: str) -> None:
    text = f'resource "aws_s3_bucket" "b" {{\n  bucket = {expr}\n}}\n'
    out = mirror.neutralise("main.tf", text, None)
    assert out is not None and "mlcomply_not_read_" in out
    assert not mirror._unsafe(".", pygohcl.loads(out, keep_interpolations=True))


def test_every_file_function_holds_file_which_neutralise_looks_for_first() -> None:
    assert all("file" in name for name in mirror.FILE_FUNCTIONS)


def test_untouched_files_stay_byte_identical() -> None:
    text = 'resource "aws_s3_bucket" "profile" {\n  bucket = "my-file-bucket"\n  tags = { file = "x" }\n}\n'
    assert mirror.neutralise("main.tf", text, None) == text


def test_json_escapes_that_survive_the_rewrite_leave_the_file_out() -> None:
    # \u0066ile is "file" once decoded: not renamed in the text, so the check refuses the file.
    text = '{"resource": {"aws_s3_bucket": {"b": {"bucket": "${\\u0066ile(\\"/etc/passwd\\")}"}}}}'
    assert mirror.neutralise("main.tf.json", text, None) is None


def test_the_mirror_goes_to_a_memory_folder_with_room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Creating 1,400 small files took 1.2 s on a virtual machine's disk and 0.04 s in /dev/shm."""
    ram = tmp_path / "shm"
    ram.mkdir()
    monkeypatch.setattr(mirror, "RAM_FOLDER", str(ram))
    monkeypatch.delenv("TMPDIR", raising=False)
    with mirror.Mirror(1000) as tree:
        assert tree.base.parent == ram and stat.S_IMODE(tree.base.stat().st_mode) == 0o700
        tree.add("a/main.tf", "x")
        assert (ram / tree.base.name / "tree/a/main.tf").read_text() == "x"
    assert list(ram.iterdir()) == []
    free = os.statvfs(ram).f_bavail * os.statvfs(ram).f_frsize
    assert mirror.base_folder(free) is None  # no room for 4x the files
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert mirror.base_folder(1000) is None  # the user said where temporary files go
    monkeypatch.delenv("TMPDIR")
    monkeypatch.setattr(mirror, "RAM_FOLDER", str(tmp_path / "absent"))
    assert mirror.base_folder(1000) is None
    with mirror.Mirror(1000) as tree:
        assert tree.base.parent == Path(tempfile.gettempdir())


DEPENDANT = """\
resource "time_sleep" "wait" {
  create_duration = "30s"
}

resource "google_storage_bucket" "raw" {
  name       = "raw"
  depends_on = [time_sleep.wait, module.project-services]
}

resource "google_bigquery_dataset" "ds" {
  dataset_id = "ds"
  depends_on = [
    google_storage_bucket.raw, # the bucket first
    time_sleep.wait,
  ]
}

resource "google_bigquery_table" "t" {
  dataset_id = google_bigquery_dataset.ds.dataset_id
  depends_on = [
    google_bigquery_dataset.ds,
    time_sleep.wait,
  ]
}
"""


def test_depends_on_lists_are_emptied_line_for_line() -> None:
    out = mirror.neutralise("main.tf", DEPENDANT, None)
    assert out is not None
    lines, original = out.splitlines(), DEPENDANT.splitlines()
    assert len(lines) == len(original)
    assert lines[6] == "  depends_on = []"
    # A list with a comment is left as it is (nothing but names, commas and blanks is removed).
    assert lines[11:15] == original[11:15]
    assert lines[19:23] == ["  depends_on = [", "", "", "]"]
    # Every other line, the blocks' first lines included, is unchanged.
    changed = {i for i, (a, b) in enumerate(zip(lines, original, strict=True)) if a != b}
    assert changed == {6, 20, 21, 22}
    assert pygohcl.loads(out)["resource"]["google_bigquery_table"]["t"]["depends_on"] == []


def test_a_heredoc_the_emptied_list_would_break_keeps_its_depends_on() -> None:
    # Removing the names would remove the heredoc's closing line `EOT` as well.
    text = "locals {\n  docs = [\n    <<EOT\ndepends_on = [x\nEOT\n  ]\n}\n"
    pygohcl.loads(text)  # the file itself is valid HCL
    assert mirror.neutralise("main.tf", text, None) == text
    text += 'resource "x" "y" {\n  depends_on = [a.b]\n}\n'
    assert mirror.neutralise("main.tf", text, None) == text


def test_depends_on_chains_no_longer_multiply_tfparse_answer(tmp_path: Path) -> None:
    """tfparse writes each target's whole block, its own depends_on included, into the dependant:
    six layers of three resources, each depending on the whole layer before, gave answers of
    megabytes (3**6 copies of the first layer); emptied lists give a few kilobytes."""
    blocks = []
    for layer in range(7):
        for n in range(3):
            deps = ", ".join(f"null_resource.r{layer - 1}_{m}" for m in range(3)) if layer else ""
            blocks.append(f'resource "null_resource" "r{layer}_{n}" {{\n  depends_on = [{deps}]\n}}\n')
    root = tmp_path / "root"
    root.mkdir()
    (root / "main.tf").write_text(mirror.neutralise("main.tf", "\n".join(blocks), None) or "")
    from scanner.terraform.worker import TfparseWorker

    with TfparseWorker() as worker:
        answer = worker.load(str(root), [])
    assert len(answer["null_resource"]) == 21
    assert len(json.dumps(answer)) < 100_000


@pytest.mark.parametrize(
    "text",
    [
        # A local named depends_on is a value (here a public CIDR a rule must see), not the
        # meta-argument; the resource's own meta-argument in the same file stays too.
        'locals {\n  depends_on = [local.world]\n  world = "0.0.0.0/0"\n}\n'
        'resource "aws_security_group_rule" "r" {\n  cidr_blocks = local.depends_on\n'
        "  depends_on = [aws_vpc.v]\n}\n",
        # An object's key.
        "locals {\n  cfg = {\n    depends_on = [local.world]\n  }\n}\n",
        # A list whose line a comment ends, with `depends_on = [` in that comment.
        'resource "aws_security_group_rule" "r" {\n  cidr_blocks = [ # depends_on = [\n    local.world\n  ]\n}\n',
    ],
)
def test_a_list_that_is_not_the_meta_argument_keeps_its_names(text: str) -> None:
    pygohcl.loads(text)  # each is valid HCL
    assert mirror.neutralise("main.tf", text, None) == text


def test_a_meta_argument_holding_a_comment_stays_and_the_others_are_emptied() -> None:
    kept = 'resource "a" "b" {\n  depends_on = [\n    x.y, # first\n  ]\n}\n'
    text = kept + 'module "m" {\n  source = "./m"\n  depends_on = [\n    a.b,\n  ]\n}\n'
    assert mirror.neutralise("main.tf", text, None) == text.replace("[\n    a.b,\n  ]", "[\n\n]")


def test_a_file_too_large_to_check_in_process_keeps_its_depends_on() -> None:
    text = 'resource "a" "b" {\n  depends_on = [x.y]\n}\n'
    assert mirror.neutralise("main.tf", text, None) == text.replace("[x.y]", "[]")
    large = text + "# " + "x" * mirror.DEPENDENCIES_MAX_CHARS + "\n"
    assert mirror.neutralise("main.tf", large, None) == large

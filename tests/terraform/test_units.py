"""Terraform files split into units per root module, by their `source` links."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from scanner.terraform.units import split
from scanner.walk import list_files


def _units(root: Path) -> list[tuple[str, ...]]:
    listing = list_files([root])
    tf = [e for e in listing.files if e.rel.endswith((".tf", ".tf.json")) or e.rel.endswith("plan.json")]
    _, units = split(listing.root, tf)
    return [u.folders for u in units]


def test_a_shared_module_is_in_each_unit_that_reaches_it(make_repo: Callable[..., Path]) -> None:
    root = make_repo(
        {
            "a/main.tf": 'module "m" {\n  source = "../modules/m"\n}\n',
            "b/main.tf.json": json.dumps({"module": {"m": {"source": "../modules/m"}}}),
            "modules/m/main.tf": 'module "n" {\n  source = "./n"\n}\n',
            "modules/m/n/main.tf": 'resource "aws_s3_bucket" "b" {}\n',
            "lonely/main.tf": 'resource "aws_s3_bucket" "c" {}\n',
        }
    )
    assert _units(root) == [
        ("a", "modules/m", "modules/m/n"),
        ("b", "modules/m", "modules/m/n"),
        ("lonely",),
    ]


def test_other_strings_do_not_link(make_repo: Callable[..., Path]) -> None:
    root = make_repo(
        {
            "a/main.tf": 'locals {\n  p = "../b"\n}\nresource "x" "y" {\n  description = "see ../b"\n}\n',
            "b/main.tf": 'resource "aws_s3_bucket" "b" {}\n',
        }
    )
    assert _units(root) == [("a",), ("b",)]


def test_a_loop_of_links_still_gets_a_unit(make_repo: Callable[..., Path]) -> None:
    root = make_repo(
        {
            "a/main.tf": 'module "b" {\n  source = "../b"\n}\n',
            "b/main.tf": 'module "a" {\n  source = "../a"\n}\n',
        }
    )
    assert _units(root) == [("a", "b")]


def test_a_downloaded_module_manifest_links_and_marks(make_repo: Callable[..., Path]) -> None:
    manifest = {"Modules": [{"Key": "", "Source": "", "Dir": "."}, {"Key": "m", "Source": "x", "Dir": "../vendored"}]}
    root = make_repo(
        {
            "live/main.tf": 'module "m" {\n  source = "x"\n}\n',
            "live/.terraform/modules/modules.json": json.dumps(manifest),
            "vendored/main.tf": 'resource "aws_s3_bucket" "b" {}\n',
        },
        git_repo=False,
    )
    listing = list_files([root])
    _, units = split(listing.root, [e for e in listing.files if e.rel.endswith(".tf")])
    assert [(u.folders, u.downloads) for u in units] == [(("live", "vendored"), True)]


def test_a_file_swapped_for_a_link_after_the_listing_links_nothing(make_repo: Callable[..., Path]) -> None:
    # The files are read through one TreeReader: a file that became a link (to a file naming a
    # module) is refused and links nothing, and the files read after it still link.
    root = make_repo(
        {
            "a/main.tf": 'module "m" {\n  source = "../m"\n}\n',
            "b/main.tf": 'module "m" {\n  source = "../m"\n}\n',
            "m/main.tf": 'resource "aws_s3_bucket" "b" {}\n',
        }
    )
    listing = list_files([root])
    tf = [e for e in listing.files if e.rel.endswith(".tf")]
    (root / "a" / "main.tf").unlink()
    (root / "a" / "main.tf").symlink_to(root / "b" / "main.tf")
    _, units = split(listing.root, tf)
    assert [u.folders for u in units] == [("a",), ("b", "m")]

"""Kustomize image transforms: what a base's image becomes once the overlays that include it build."""

from __future__ import annotations

from typing import Any

import pytest

from scanner.documents import Document
from scanner.kubernetes.kustomize import index, split_image


def _k(path: str, **data: Any) -> Document:
    return Document(kind="yaml", path=path, data=data)


def test_a_base_image_gets_the_tag_its_own_kustomization_sets() -> None:
    ix = index(
        [_k("app/base/kustomization.yaml", resources=["deployment.yaml"], images=[{"name": "web", "newTag": "v1.2"}])]
    )
    [built] = ix.resolve("app/base/deployment.yaml", "web")
    assert built.image == "web:v1.2"
    assert built.chain == ("app/base/kustomization.yaml",)


def test_an_overlay_above_overrides_the_base_and_each_build_is_resolved() -> None:
    ix = index(
        [
            _k("base/kustomization.yaml", resources=["d.yaml"], images=[{"name": "web", "newTag": "v1"}]),
            _k(
                "overlays/prod/kustomization.yaml",
                resources=["../../base"],
                images=[{"name": "web", "digest": "sha256:" + "a" * 64}],
            ),
            _k(
                "overlays/dev/kustomization.yaml",
                resources=["../../base"],
                images=[{"name": "web", "newTag": "latest"}],
            ),
        ]
    )
    built = {r.chain[-1]: r.image for r in ix.resolve("base/d.yaml", "web")}
    assert built == {
        "overlays/dev/kustomization.yaml": "web:latest",
        "overlays/prod/kustomization.yaml": "web:v1@sha256:" + "a" * 64,
    }


def test_new_name_renames_and_later_transforms_match_the_new_name() -> None:
    ix = index(
        [
            _k("base/kustomization.yaml", resources=["d.yaml"], images=[{"name": "web", "newName": "reg.io/web"}]),
            _k("top/kustomization.yaml", resources=["../base"], images=[{"name": "reg.io/web", "newTag": "2.0"}]),
        ]
    )
    assert [r.image for r in ix.resolve("base/d.yaml", "web")] == ["reg.io/web:2.0"]


def test_patches_are_built_by_their_kustomization() -> None:
    ix = index(
        [_k("o/kustomization.yaml", patches=[{"path": "patches/p.yaml"}], images=[{"name": "x", "newTag": "1"}])]
    )
    assert [r.image for r in ix.resolve("o/patches/p.yaml", "x")] == ["x:1"]


def test_a_file_no_kustomization_builds_is_not_resolved() -> None:
    ix = index([_k("a/kustomization.yaml", resources=["d.yaml"], images=[{"name": "x", "newTag": "1"}])])
    assert ix.resolve("b/d.yaml", "x") == []


@pytest.mark.parametrize(
    "ref", ["../../../outside", "/etc", "https://github.com/org/repo//base?ref=v1", "github.com/org/repo/base"]
)
def test_references_out_of_the_tree_or_remote_are_not_followed(ref: str) -> None:
    ix = index([_k("a/kustomization.yaml", resources=[ref])])
    assert ix.by_folder["a"].includes == []


def test_a_cycle_of_kustomizations_ends() -> None:
    ix = index(
        [
            _k("a/kustomization.yaml", resources=["../b", "d.yaml"]),
            _k("b/kustomization.yaml", resources=["../a"], images=[{"name": "x", "newTag": "3"}]),
        ]
    )
    assert {r.image for r in ix.resolve("a/d.yaml", "x")} == {"x:3"}


@pytest.mark.parametrize(
    ("image", "parts"),
    [
        ("reg.io:5000/team/web", ("reg.io:5000/team/web", None, None)),
        ("reg.io:5000/team/web:1.0", ("reg.io:5000/team/web", "1.0", None)),
        ("web@sha256:abc", ("web", None, "sha256:abc")),
        ("web:1@sha256:abc", ("web", "1", "sha256:abc")),
    ],
)
def test_split_image_keeps_a_registry_port_out_of_the_tag(image: str, parts: tuple) -> None:
    assert split_image(image) == parts

"""Provider version constraints in the resource view (scanner/terraform/providers.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.terraform import load as terraform
from scanner.terraform import providers
from scanner.walk import list_files


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [
        ("~> 2.46", 2),
        ("~> 2.46.0", 2),
        ("~> 2", 2),
        ("< 3.0", 2),
        ("< 3", 2),
        ("< 3.0.0", 2),
        ("< 3.1", 3),
        ("<= 3.0.0", 3),
        ("= 2.99.0", 2),
        ("2.99.0", 2),
        ("v2.5.0", 2),
        (">= 2.0, < 3.0", 2),
        (">= 2.0, < 4.0, ~> 3.10", 3),
        (">= 2.0.0", None),
        ("> 1.0, != 3.2.0", None),
        ("3.0.0-beta1", 3),
    ],
)
def test_max_major(constraint: str, expected: int | None) -> None:
    assert providers.max_major(constraint) == expected


@pytest.mark.parametrize("constraint", ["latest", "~> 2.x", ">= ", "2.0 || 3.0", ""])
def test_unreadable_constraints(constraint: str) -> None:
    with pytest.raises(providers.Unreadable):
        providers.max_major(constraint)


def test_view_joins_every_form_of_constraint() -> None:
    raws = [
        {"terraform": [{"required_providers": {"az": {"source": "hashicorp/azurerm", "version": "~> 3.10"}}}]},
        {"terraform": [{"required_providers": {"random": ">= 3.0"}}]},
        # Terraform 0.12's `version` in a provider block; the tighter bound wins.
        {"provider": {"azurerm": [{"version": "< 3.0", "features": []}]}},
        {"terraform": [{"required_providers": {"google": {"version": "~> 5.x"}, "aws": {"source": "hashicorp/aws"}}}]},
    ]
    view = providers.view(raws)
    assert view["azurerm"] == {"constraints": ["~> 3.10", "< 3.0"], "max_major": 2}
    assert view["random"] == {"constraints": [">= 3.0"], "max_major": None}
    assert view["google"]["max_major"] == {terraform.UNKNOWN_KEY: "a version constraint that could not be read"}
    assert "aws" not in view  # a source without a version constrains nothing


def test_constraints_of_called_modules_count(make_repo: Callable[..., Path]) -> None:
    required = 'terraform {\n  required_providers {\n    azurerm = {\n      version = "~> 2.46"\n    }\n  }\n}\n'
    root = make_repo(
        {
            "envs/old/main.tf": 'module "store" {\n  source = "../../modules/store"\n}\n',
            "modules/store/versions.tf": required,
            "modules/store/main.tf": 'resource "azurerm_resource_group" "g" {\n  name = "ml"\n  location = "x"\n}\n',
            "envs/new/main.tf": 'resource "azurerm_resource_group" "g" {\n  name = "ml"\n  location = "x"\n}\n',
        },
        git_repo=False,
    )
    listing = list_files([root])
    docs, errors = terraform.load_modules(listing.root, [e for e in listing.files if e.rel.endswith(".tf")])
    assert errors == []
    by_root = {d.path: d.data["providers"] for d in docs}
    assert by_root == {"envs/old": {"azurerm": {"constraints": ["~> 2.46"], "max_major": 2}}, "envs/new": {}}

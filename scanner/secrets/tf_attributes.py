"""Terraform resource attributes that hold a secret whatever their name says.

The generic detector judges an attribute by its name (`password`, `api_key`); a secret store's
value attribute is called `string_value`, `value` or `secret_data`, names that mean nothing
alone. A literal there is a secret by construction: it sits in the configuration, in every
plan and in the state, however plain it looks."""

from __future__ import annotations

# resource type -> attribute paths (as terraform.py's _attributes yields them) holding a secret.
SECRET_VALUED: dict[str, frozenset[str]] = {
    "databricks_secret": frozenset({"string_value"}),
    "azurerm_key_vault_secret": frozenset({"value"}),
    "google_secret_manager_secret_version": frozenset({"secret_data"}),
}


def secret_valued(resource_type: str, attr_path: str) -> bool:
    """The attribute stores a secret by what its resource is, not by its name."""
    return attr_path in SECRET_VALUED.get(resource_type, frozenset())

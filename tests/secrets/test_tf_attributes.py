"""Secret stores' value attributes (databricks_secret.string_value, ...) are secrets whatever
their name: a literal there is reported through the one detector, redacted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.scan import ScanResult
from scanner.secrets.tf_attributes import secret_valued

PLAIN = "correct-horse-battery"  # no token format and not random: only the attribute says "secret"


def _secrets(result: ScanResult) -> list[tuple[str | None, str]]:
    # the secrets detector's findings (a store rule such as Key Vault expiry is in the category too)
    return sorted((f.address, f.message) for f in result.findings if f.rule_id.startswith("MLC-SECRET-"))


@pytest.mark.parametrize(
    ("resource", "attribute"),
    [
        ('resource "databricks_secret" "hf" {\n  scope = "ml"\n  key   = "hf"\n', "string_value"),
        ('resource "azurerm_key_vault_secret" "hf" {\n  name         = "hf"\n  key_vault_id = "kv"\n', "value"),
        ('resource "google_secret_manager_secret_version" "hf" {\n  secret = "projects/p/secrets/hf"\n', "secret_data"),
    ],
)
def test_literal_in_a_secret_store_is_reported_redacted(
    resource: str,
    attribute: str,
    make_repo: Callable[..., Path],
    scan_repo: Callable[[Path], ScanResult],
) -> None:
    root = make_repo({"main.tf": f'{resource}  {attribute} = "{PLAIN}"\n}}\n'})
    found = _secrets(scan_repo(root))
    assert len(found) == 1
    address, message = found[0]
    assert address is not None and address.endswith(".hf")
    assert f"`{attribute}`" in message and PLAIN not in message


def test_references_placeholders_and_other_resources_are_not(
    make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]
) -> None:
    main = (
        'variable "token" {\n  type      = string\n  sensitive = true\n}\n'
        'resource "databricks_secret" "from_var" {\n  scope = "ml"\n  key = "a"\n  string_value = var.token\n}\n'
        'resource "databricks_secret" "placeholder" {\n  scope = "ml"\n  key = "b"\n  string_value = "changeme"\n}\n'
        'resource "azurerm_app_configuration_key" "setting" {\n  key = "model"\n  value = "' + PLAIN + '"\n}\n'
    )
    assert _secrets(scan_repo(make_repo({"main.tf": main}))) == []


def test_table_is_by_resource_type_and_attribute() -> None:
    assert secret_valued("databricks_secret", "string_value")
    assert not secret_valued("databricks_secret", "key")
    assert not secret_valued("azurerm_app_configuration_key", "value")

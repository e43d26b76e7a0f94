"""Credentials of the governed data platform in Terraform (issue 21) go through the one secrets
detector: a Glue connection's PASSWORD, a Vault provider's token (service `hvs.` and legacy `s.`
forms). Reported once, redacted, located at the resource when there is one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.scan import ScanResult

GLUE = """resource "aws_glue_connection" "warehouse" {{
  name = "warehouse"
  connection_properties = {{
    JDBC_CONNECTION_URL = "jdbc:postgresql://db.internal:5432/customers"
    USERNAME            = "etl"
    PASSWORD            = "{secret}"
  }}
}}
"""
VAULT = """provider "vault" {{
  address = "https://vault.internal:8200"
  token   = "{secret}"
}}
"""


@pytest.mark.parametrize(
    ("template", "secret", "address"),
    [
        (GLUE, "correct-horse-battery", "aws_glue_connection.warehouse"),
        (VAULT, "hvs.CAESIJ3kLmQ2pRt7vWy4uNc8eZx9ab3kLmQ2pRt7vWy4uNc8eGh4KHGh2cy5aeDlhYjNrTG1RMnBSdDd2V3k0dU5j", None),
        (VAULT, "s.Zx9ab3kLmQ2pRt7vWy4uNc8e", None),
    ],
)
def test_literal_reported_once_redacted(
    template: str,
    secret: str,
    address: str | None,
    make_repo: Callable[..., Path],
    scan_repo: Callable[[Path], ScanResult],
) -> None:
    result = scan_repo(make_repo({"main.tf": template.format(secret=secret)}))
    found = [f for f in result.findings if f.category == "secrets"]
    assert len(found) == 1
    assert (
        found[0].address == address
        and found[0].start_line
        == template.format(secret=secret).count("\n", 0, template.format(secret=secret).index(secret)) + 1
    )
    assert secret not in found[0].message and secret not in str(found[0].to_dict())


def test_references_are_not_reported(make_repo: Callable[..., Path], scan_repo: Callable[[Path], ScanResult]) -> None:
    files = {
        "main.tf": GLUE.replace('"{secret}"', "var.warehouse_password").format()
        + VAULT.replace('"{secret}"', "var.vault_token").format()
    }
    assert [f for f in scan_repo(make_repo(files)).findings if f.category == "secrets"] == []

package mlcomply.azure.keyvault.purge_protection_test

import data.mlcomply.azure.keyvault.purge_protection as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_key_vault.v", "type": "azurerm_key_vault", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_false_denied if {
	_denied({}) == {"azurerm_key_vault.v"}
	_denied({"purge_protection_enabled": false}) == {"azurerm_key_vault.v"}
}

test_enabled_passes if {
	_denied({"purge_protection_enabled": true}) == set()
}

test_unknown_passes if {
	_denied({"purge_protection_enabled": {"__unknown__": "var.p"}}) == set()
}

package mlcomply.azure.acr.cmk_test

import data.mlcomply.azure.acr.cmk as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_container_registry.a", "type": "azurerm_container_registry", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_missing_or_disabled_denied if {
	_denied({}) == {"azurerm_container_registry.a"}
	_denied({"encryption": [{"enabled": false, "key_vault_key_id": "k"}]}) == {"azurerm_container_registry.a"}
}

test_key_passes if {
	_denied({"encryption": [{"key_vault_key_id": "azurerm_key_vault_key.k", "identity_client_id": "x"}]}) == set()
}

test_unknown_passes if {
	_denied({"encryption": [{"key_vault_key_id": {"__unknown__": "var.k"}}]}) == set()
	_denied({"encryption": {"__unknown__": "var.e"}}) == set()
}

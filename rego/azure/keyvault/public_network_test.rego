package mlcomply.azure.keyvault.public_network_test

import data.mlcomply.azure.keyvault.public_network as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_key_vault.v", "type": "azurerm_key_vault", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_open_vault_denied if {
	_denied({}) == {"azurerm_key_vault.v"}
	_denied({"network_acls": [{"default_action": "Allow", "bypass": "AzureServices"}]}) == {"azurerm_key_vault.v"}
}

test_closed_vault_passes if {
	_denied({"network_acls": [{"default_action": "Deny", "bypass": "AzureServices"}]}) == set()
	_denied({"public_network_access_enabled": false}) == set()
}

test_unknown_passes if {
	_denied({"network_acls": [{"default_action": {"__unknown__": "var.a"}}]}) == set()
}

package mlcomply.azure.cognitive.public_network_test

import data.mlcomply.azure.cognitive.public_network as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_cognitive_account.a", "type": "azurerm_cognitive_account", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_open_account_denied if {
	_denied({"kind": "OpenAI"}) == {"azurerm_cognitive_account.a"}
	_denied({"public_network_access_enabled": true}) == {"azurerm_cognitive_account.a"}
}

test_closed_account_passes if {
	_denied({"public_network_access_enabled": false}) == set()
	_denied({"network_acls": [{"default_action": "Deny"}]}) == set()
}

test_unknown_passes if {
	_denied({"public_network_access_enabled": {"__unknown__": "var.p"}}) == set()
}

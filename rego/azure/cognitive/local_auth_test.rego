package mlcomply.azure.cognitive.local_auth_test

import data.mlcomply.azure.cognitive.local_auth as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_cognitive_account.a", "type": "azurerm_cognitive_account", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_true_denied if {
	_denied({}) == {"azurerm_cognitive_account.a"}
	_denied({"local_auth_enabled": true}) == {"azurerm_cognitive_account.a"}
}

test_disabled_passes if {
	_denied({"local_auth_enabled": false}) == set()
}

test_unknown_passes if {
	_denied({"local_auth_enabled": {"__unknown__": "var.a"}}) == set()
}

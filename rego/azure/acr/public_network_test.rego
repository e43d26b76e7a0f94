package mlcomply.azure.acr.public_network_test

import data.mlcomply.azure.acr.public_network as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_container_registry.a", "type": "azurerm_container_registry", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_allow_rules_denied if {
	_denied({}) == {"azurerm_container_registry.a"}
	_denied({"public_network_access_enabled": true}) == {"azurerm_container_registry.a"}
	_denied({"network_rule_set": [{"default_action": "Allow"}]}) == {"azurerm_container_registry.a"}
}

test_private_or_deny_passes if {
	_denied({"public_network_access_enabled": false}) == set()
	_denied({"network_rule_set": [{"default_action": "Deny"}]}) == set()
}

test_unknown_passes if {
	_denied({"public_network_access_enabled": {"__unknown__": "var.p"}}) == set()
	_denied({"network_rule_set": {"__unknown__": "var.rules"}}) == set()
}

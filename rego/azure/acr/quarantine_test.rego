package mlcomply.azure.acr.quarantine_test

import data.mlcomply.azure.acr.quarantine as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_container_registry.a", "type": "azurerm_container_registry", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_disabled_denied if {
	_denied({}) == {"azurerm_container_registry.a"}
	_denied({"quarantine_policy_enabled": false}) == {"azurerm_container_registry.a"}
}

test_enabled_passes if {
	_denied({"quarantine_policy_enabled": true}) == set()
}

test_unknown_passes if {
	_denied({"quarantine_policy_enabled": {"__unknown__": "var.q"}}) == set()
}

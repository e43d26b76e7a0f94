package mlcomply.azure.acr.anonymous_pull_test

import data.mlcomply.azure.acr.anonymous_pull as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_container_registry.a", "type": "azurerm_container_registry", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_enabled_denied if {
	_denied({"anonymous_pull_enabled": true}) == {"azurerm_container_registry.a"}
}

test_default_and_disabled_pass if {
	_denied({}) == set()
	_denied({"anonymous_pull_enabled": false}) == set()
}

test_unknown_passes if {
	_denied({"anonymous_pull_enabled": {"__unknown__": "var.anon"}}) == set()
}

package mlcomply.azure.acr.retention_test

import data.mlcomply.azure.acr.retention as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_container_registry.a", "type": "azurerm_container_registry", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_missing_or_disabled_denied if {
	_denied({}) == {"azurerm_container_registry.a"}
	_denied({"retention_policy": [{"enabled": false, "days": 7}]}) == {"azurerm_container_registry.a"}
}

test_set_passes if {
	_denied({"retention_policy_in_days": 7}) == set()
	_denied({"retention_policy": [{"enabled": true, "days": 7}]}) == set()
}

test_unknown_passes if {
	_denied({"retention_policy_in_days": {"__unknown__": "var.days"}}) == set()
	_denied({"retention_policy": {"__unknown__": "var.r"}}) == set()
}

package mlcomply.azure.search.cmk_test

import data.mlcomply.azure.search.cmk as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_search_service.a", "type": "azurerm_search_service", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_false_denied if {
	_denied({}) == {"azurerm_search_service.a"}
	_denied({"customer_managed_key_enforcement_enabled": false}) == {"azurerm_search_service.a"}
}

test_enforced_passes if {
	_denied({"customer_managed_key_enforcement_enabled": true}) == set()
}

test_unknown_passes if {
	_denied({"customer_managed_key_enforcement_enabled": {"__unknown__": "var.c"}}) == set()
}

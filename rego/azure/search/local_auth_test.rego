package mlcomply.azure.search.local_auth_test

import data.mlcomply.azure.search.local_auth as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_search_service.a", "type": "azurerm_search_service", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_true_denied if {
	_denied({}) == {"azurerm_search_service.a"}
	_denied({"local_authentication_enabled": true}) == {"azurerm_search_service.a"}
}

test_disabled_passes if {
	_denied({"local_authentication_enabled": false}) == set()
}

test_unknown_passes if {
	_denied({"local_authentication_enabled": {"__unknown__": "var.l"}}) == set()
}

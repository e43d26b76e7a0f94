package mlcomply.azure.search.public_network_test

import data.mlcomply.azure.search.public_network as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_search_service.a", "type": "azurerm_search_service", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_open_denied if {
	_denied({}) == {"azurerm_search_service.a"}
	_denied({"public_network_access_enabled": true, "allowed_ips": []}) == {"azurerm_search_service.a"}
	_denied({"allowed_ips": ["0.0.0.0/0"]}) == {"azurerm_search_service.a"}
}

test_private_or_firewalled_passes if {
	_denied({"public_network_access_enabled": false}) == set()
	_denied({"allowed_ips": ["203.0.113.10"]}) == set()
}

test_unknown_passes if {
	_denied({"public_network_access_enabled": {"__unknown__": "var.p"}}) == set()
	_denied({"allowed_ips": {"__unknown__": "var.ips"}}) == set()
}

package mlcomply.azure.acr.data_endpoint_test

import data.mlcomply.azure.acr.data_endpoint as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_container_registry.r", "type": "azurerm_container_registry", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_premium_without_data_endpoint_denied if {
	_denied({"sku": "Premium"}) == {"azurerm_container_registry.r"}
	_denied({"sku": "Premium", "data_endpoint_enabled": false}) == {"azurerm_container_registry.r"}
}

test_enabled_or_other_sku_passes if {
	_denied({"sku": "Premium", "data_endpoint_enabled": true}) == set()
	_denied({"sku": "Standard"}) == set()
	_denied({"sku": "Basic", "data_endpoint_enabled": false}) == set()
}

test_unknown_passes if {
	_denied({"sku": {"__unknown__": "var.sku"}}) == set()
	_denied({"sku": "Premium", "data_endpoint_enabled": {"__unknown__": "var.de"}}) == set()
}

package mlcomply.azure.databricks.public_network_test

import data.mlcomply.azure.databricks.public_network as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_databricks_workspace.a", "type": "azurerm_databricks_workspace", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_true_denied if {
	_denied({}) == {"azurerm_databricks_workspace.a"}
	_denied({"public_network_access_enabled": true}) == {"azurerm_databricks_workspace.a"}
}

test_private_passes if {
	_denied({"public_network_access_enabled": false}) == set()
}

test_unknown_passes if {
	_denied({"public_network_access_enabled": {"__unknown__": "var.p"}}) == set()
}

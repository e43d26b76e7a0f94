package mlcomply.azure.databricks.node_public_ip_test

import data.mlcomply.azure.databricks.node_public_ip as rule
import rego.v1

_denied(cfg, providers) := found if {
	r := {"address": "azurerm_databricks_workspace.a", "type": "azurerm_databricks_workspace", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r], "providers": providers}}
}

test_explicit_false_denied if {
	_denied({"custom_parameters": [{"no_public_ip": false}]}, {}) == {"azurerm_databricks_workspace.a"}
}

test_unset_on_azurerm_3_denied if {
	_denied({}, {"azurerm": {"max_major": 3}}) == {"azurerm_databricks_workspace.a"}
	_denied({"custom_parameters": [{"virtual_network_id": "v"}]}, {"azurerm": {"max_major": 3}}) == {"azurerm_databricks_workspace.a"}
}

test_unset_on_azurerm_4_or_unbounded_passes if {
	_denied({}, {"azurerm": {"max_major": 4}}) == set()
	_denied({}, {}) == set()
	_denied({"custom_parameters": [{"no_public_ip": true}]}, {"azurerm": {"max_major": 3}}) == set()
}

test_unknown_passes if {
	_denied({}, {"azurerm": {"max_major": {"__unknown__": "constraint"}}}) == set()
	_denied({"custom_parameters": [{"no_public_ip": {"__unknown__": "var.n"}}]}, {"azurerm": {"max_major": 3}}) == set()
	_denied({"custom_parameters": {"__unknown__": "var.p"}}, {"azurerm": {"max_major": 3}}) == set()
}

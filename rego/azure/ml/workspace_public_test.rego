package mlcomply.azure.ml.workspace_public_test

import data.mlcomply.azure.ml.workspace_public as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_machine_learning_workspace.w", "type": "azurerm_machine_learning_workspace", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_true_denied if {
	_denied({}) == {"azurerm_machine_learning_workspace.w"}
	_denied({"public_network_access_enabled": true}) == {"azurerm_machine_learning_workspace.w"}
}

test_disabled_passes if {
	_denied({"public_network_access_enabled": false}) == set()
}

test_unknown_passes if {
	_denied({"public_network_access_enabled": {"__unknown__": "var.p"}}) == set()
}

package mlcomply.azure.ml.workspace_hbi_test

import data.mlcomply.azure.ml.workspace_hbi as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_machine_learning_workspace.w", "type": "azurerm_machine_learning_workspace", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_false_denied if {
	_denied({}) == {"azurerm_machine_learning_workspace.w"}
	_denied({"high_business_impact": false}) == {"azurerm_machine_learning_workspace.w"}
}

test_hbi_passes if {
	_denied({"high_business_impact": true}) == set()
}

test_unknown_passes if {
	_denied({"high_business_impact": {"__unknown__": "var.hbi"}}) == set()
}

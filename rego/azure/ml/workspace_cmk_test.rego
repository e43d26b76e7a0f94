package mlcomply.azure.ml.workspace_cmk_test

import data.mlcomply.azure.ml.workspace_cmk as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_machine_learning_workspace.w", "type": "azurerm_machine_learning_workspace", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_missing_encryption_denied if {
	_denied({}) == {"azurerm_machine_learning_workspace.w"}
}

test_encryption_passes if {
	_denied({"encryption": [{"key_vault_id": "azurerm_key_vault.v", "key_id": "azurerm_key_vault_key.k"}]}) == set()
}

test_unknown_passes if {
	_denied({"encryption": [{"key_id": {"__unknown__": "var.k"}}]}) == set()
}

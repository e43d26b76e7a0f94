package mlcomply.azure.ml.subscription_role_test

import data.mlcomply.azure.ml.subscription_role as rule
import rego.v1

_ws := {"address": "azurerm_machine_learning_workspace.ws", "type": "azurerm_machine_learning_workspace", "mode": "managed", "config": {"identity": [{"type": "UserAssigned", "identity_ids": ["azurerm_user_assigned_identity.ml"]}]}}

_denied(cfg) := found if {
	r := {"address": "azurerm_role_assignment.a", "type": "azurerm_role_assignment", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [_ws, r]}}
}

test_subscription_contributor_denied if {
	_denied({"scope": "/subscriptions/0000", "role_definition_name": "Contributor", "principal_id": "azurerm_machine_learning_workspace.ws"}) == {"azurerm_role_assignment.a"}
	_denied({"scope": {"__unknown__": "data.azurerm_subscription.current.id"}, "role_definition_name": "Owner", "principal_id": "azurerm_user_assigned_identity.ml"}) == {"azurerm_role_assignment.a"}
	_denied({"scope": {"__unknown__": "/subscriptions/data.azurerm_client_config.current.subscription_id"}, "role_definition_id": "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "principal_id": "azurerm_machine_learning_workspace.ws"}) == {"azurerm_role_assignment.a"}
	_denied({"scope": "/providers/Microsoft.Management/managementGroups/ml", "role_definition_name": "User Access Administrator", "principal_id": "azurerm_machine_learning_workspace.ws"}) == {"azurerm_role_assignment.a"}
}

test_narrow_scope_role_or_principal_passes if {
	_denied({"scope": "/subscriptions/0000/resourceGroups/ml", "role_definition_name": "Contributor", "principal_id": "azurerm_machine_learning_workspace.ws"}) == set()
	_denied({"scope": "/subscriptions/0000", "role_definition_name": "Reader", "principal_id": "azurerm_machine_learning_workspace.ws"}) == set()
	_denied({"scope": "/subscriptions/0000", "role_definition_name": "Contributor", "principal_id": "azurerm_user_assigned_identity.deployer"}) == set()
}

test_unknown_passes if {
	_denied({"scope": {"__unknown__": "var.scope"}, "role_definition_name": "Contributor", "principal_id": "azurerm_machine_learning_workspace.ws"}) == set()
	_denied({"scope": "/subscriptions/0000", "role_definition_name": {"__unknown__": "var.role"}, "principal_id": "azurerm_machine_learning_workspace.ws"}) == set()
	_denied({"scope": "/subscriptions/0000", "role_definition_name": "Owner", "principal_id": {"__unknown__": "var.p"}}) == set()
}

# METADATA
# title: Azure ML identity with a privileged role over a whole subscription
# description: >-
#   An azurerm_role_assignment gives Owner, Contributor, User Access Administrator or Role
#   Based Access Control Administrator at subscription or management-group scope to the
#   managed identity of an Azure ML workspace, compute or registry (system-assigned, or a
#   user-assigned identity the ML resource uses): any job or notebook on that compute can
#   change, or grant itself access to, every resource in the subscription.
# custom:
#   id: MLC-AZURE-ML-008
#   severity: high
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 1.4]
#   atlas_none: "over-broad permissions widen any compromise; ATLAS names no technique for excess privilege itself"
#   remediation: >-
#     Scope the assignment to the resource group or the resources the workspace uses, with
#     data-plane roles (Storage Blob Data Contributor, AcrPull, Key Vault Secrets User).
#   input_kinds: [terraform]
#   references:
#     - https://learn.microsoft.com/azure/machine-learning/how-to-assign-roles
#     - https://learn.microsoft.com/azure/role-based-access-control/best-practices
package mlcomply.azure.ml.subscription_role

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_ml_types := [
	"azurerm_machine_learning_workspace",
	"azurerm_machine_learning_compute_cluster",
	"azurerm_machine_learning_compute_instance",
	"azurerm_machine_learning_inference_cluster",
	"azurerm_machine_learning_synapse_spark",
]

# Owner, Contributor, User Access Administrator, Role Based Access Control Administrator.
_privileged_names := {"owner", "contributor", "user access administrator", "role based access control administrator"}

_privileged_ids := {
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
	"b24988ac-6180-42a0-ab88-20f7382dd24c",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
	"f58310d9-a9f6-439a-9e8d-f62e7b41a168",
}

_ml_identities contains address if {
	some type_name in _ml_types
	some address in terraform.addresses(type_name)
}

# User-assigned identities that an ML resource runs as.
_ml_identities contains id if {
	some type_name in _ml_types
	some r in terraform.resources(type_name)
	some b in config.blocks(r.config, "identity")
	some id in b.identity_ids
	is_string(id)
}

_role(a) := lower(a.config.role_definition_name) if is_string(a.config.role_definition_name)

_role(a) := "privileged role id" if {
	is_string(a.config.role_definition_id)
	some id in _privileged_ids
	endswith(lower(a.config.role_definition_id), id)
}

_wide_scope(scope) := "subscription" if {
	is_string(scope)
	regex.match(`^/subscriptions/[^/]+/?$`, scope)
}

_wide_scope(scope) := "subscription" if {
	terraform.is_unknown(scope)
	regex.match(`^((module\.[^.]+\.)*data\.azurerm_subscription\.[A-Za-z0-9_-]+\.id|/subscriptions/[^/]+)$`, scope.__unknown__)
}

_wide_scope(scope) := "management group" if {
	is_string(scope)
	contains(lower(scope), "/providers/microsoft.management/managementgroups/")
}

_wide_scope(scope) := "management group" if {
	is_string(scope)
	regex.match(`^(module\.[^.]+\.)*(data\.)?azurerm_management_group\.[A-Za-z0-9_-]+$`, scope)
}

deny contains res if {
	some a in terraform.resources("azurerm_role_assignment")
	a.config.principal_id in _ml_identities
	role := _role(a)
	role in (_privileged_names | {"privileged role id"})
	where := _wide_scope(a.config.scope)
	res := result.resource(sprintf("%s gives the Azure ML identity of %s the %s role over a whole %s", [a.address, a.config.principal_id, role, where]), a)
}

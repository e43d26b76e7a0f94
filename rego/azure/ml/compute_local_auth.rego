# METADATA
# title: Azure ML compute allows local (SSH key) authentication
# description: >-
#   An azurerm_machine_learning_compute_cluster or _compute_instance leaves
#   local_auth_enabled unset or true (the default): nodes accept local accounts and SSH keys
#   that bypass Entra ID, its conditional access and its audit trail.
# custom:
#   id: MLC-AZURE-ML-005
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0012]
#   remediation: Set local_auth_enabled = false and grant access through Entra ID roles.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_142]
#   references:
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/machine_learning_compute_cluster
package mlcomply.azure.ml.compute_local_auth

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some type_name in ["azurerm_machine_learning_compute_cluster", "azurerm_machine_learning_compute_instance"]
	some c in terraform.resources(type_name)
	config.is_true(config.value(c.config, "local_auth_enabled", true))
	res := result.resource(sprintf("Azure ML compute %s allows local authentication", [c.address]), c)
}

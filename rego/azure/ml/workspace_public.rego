# METADATA
# title: Azure ML workspace reachable from public networks
# description: >-
#   public_network_access_enabled is unset or true (the default) on an
#   azurerm_machine_learning_workspace: the workspace API, its registered models, datasets
#   and endpoints' management plane are reachable from the internet.
# custom:
#   id: MLC-AZURE-ML-001
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: Set public_network_access_enabled = false and reach the workspace through a private endpoint.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_144]
#   references:
#     - https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link
package mlcomply.azure.ml.workspace_public

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some ws in terraform.resources("azurerm_machine_learning_workspace")
	config.is_true(config.value(ws.config, "public_network_access_enabled", true))
	res := result.resource(sprintf("Azure ML workspace %s is reachable from public networks", [ws.address]), ws)
}

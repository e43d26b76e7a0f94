# METADATA
# title: Azure Databricks workspace reachable from public networks
# description: >-
#   public_network_access_enabled is unset or true (the default) on an
#   azurerm_databricks_workspace: the workspace UI and REST API, with its notebooks, ML
#   experiments and model registry, answer the internet (authentication still applies).
# custom:
#   id: MLC-AZURE-DATABRICKS-001
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: >-
#     Set public_network_access_enabled = false with network_security_group_rules_required =
#     "NoAzureDatabricksRules" and private endpoints (Premium SKU), or restrict access with IP
#     access lists.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_158]
#   references:
#     - https://learn.microsoft.com/azure/databricks/security/network/classic/private-link
package mlcomply.azure.databricks.public_network

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some w in terraform.resources("azurerm_databricks_workspace")
	config.is_true(config.value(w.config, "public_network_access_enabled", true))
	res := result.resource(sprintf("Databricks workspace %s is reachable from public networks", [w.address]), w)
}

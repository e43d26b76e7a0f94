# METADATA
# title: Azure Databricks cluster nodes with public IP addresses
# description: >-
#   custom_parameters.no_public_ip = false on an azurerm_databricks_workspace, or left unset
#   with an azurerm provider constrained below 4.0 (where false was the default): every
#   cluster node that trains on the workspace's data gets a public IP address instead of
#   secure cluster connectivity.
# custom:
#   id: MLC-AZURE-DATABRICKS-002
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: Set custom_parameters { no_public_ip = true } (secure cluster connectivity).
#   input_kinds: [terraform]
#   references:
#     - https://learn.microsoft.com/azure/databricks/security/network/classic/secure-cluster-connectivity
package mlcomply.azure.databricks.node_public_ip

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

# azurerm 4.0 changed the default of no_public_ip from false to true: an unset value is
# public only when the constraints keep the provider below 4.
_azurerm_below_4 if terraform.provider_max_major("azurerm") < 4

_public(w) if {
	some p in config.blocks(w.config, "custom_parameters")
	config.is_false(p.no_public_ip)
}

_public(w) if {
	_azurerm_below_4
	some p in config.blocks(w.config, "custom_parameters")
	not config.has(p, "no_public_ip")
}

_public(w) if {
	_azurerm_below_4
	not config.has(w.config, "custom_parameters")
}

deny contains res if {
	some w in terraform.resources("azurerm_databricks_workspace")
	_public(w)
	res := result.resource(sprintf("Databricks workspace %s gives its cluster nodes public IP addresses", [w.address]), w)
}

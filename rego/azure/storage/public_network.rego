# METADATA
# title: Azure storage account reachable from any network
# description: >-
#   public_network_access_enabled is unset or true (the default) and neither an inline
#   network_rules block nor an azurerm_storage_account_network_rules for the account sets
#   default_action = "Deny": the account's endpoints accept connections from the internet.
# custom:
#   id: MLC-AZURE-STORAGE-004
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0025]
#   remediation: >-
#     Set public_network_access_enabled = false and use private endpoints, or add
#     network_rules { default_action = "Deny" } with the allowed subnets and IP ranges.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_59, CKV_AZURE_35]
#   references:
#     - https://learn.microsoft.com/azure/storage/common/storage-network-security
package mlcomply.azure.storage.public_network

import data.lib.azure.network
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_rules_type := "azurerm_storage_account_network_rules"

_denying := network.denying_targets(terraform.resources(_rules_type), "storage_account_id")

# Rules whose account cannot be resolved may close any account: stay silent.
_any_unresolved if refs.unresolved(_rules_type, "storage_account_id")

deny contains res if {
	not _any_unresolved
	some sa in terraform.resources("azurerm_storage_account")
	network.open_to_all(sa, "network_rules", _denying)
	res := result.resource(sprintf("storage account %s accepts connections from any network", [sa.address]), sa)
}

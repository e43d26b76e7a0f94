# METADATA
# title: Key Vault without purge protection
# description: >-
#   purge_protection_enabled is unset or false (the default) on an azurerm_key_vault: a
#   deleted vault or key (for example the customer-managed key of an ML workspace or storage
#   account) can be purged during its retention period, making the data it protects
#   unrecoverable.
# custom:
#   id: MLC-AZURE-KEYVAULT-001
#   severity: medium
#   category: data-integrity
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas_none: "recoverability of deleted keys; ATLAS impact techniques do not cover key deletion"
#   remediation: Set purge_protection_enabled = true (it cannot be turned off again).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_110]
#   references:
#     - https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
package mlcomply.azure.keyvault.purge_protection

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some kv in terraform.resources("azurerm_key_vault")
	config.is_false(config.value(kv.config, "purge_protection_enabled", false))
	res := result.resource(sprintf("Key Vault %s does not have purge protection", [kv.address]), kv)
}

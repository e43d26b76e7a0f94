# METADATA
# title: Azure storage account without a customer-managed key
# description: >-
#   The account has no customer_managed_key block and no
#   azurerm_storage_account_customer_managed_key refers to it: blobs holding datasets and
#   model artifacts are encrypted with Microsoft-managed keys only.
# custom:
#   id: MLC-AZURE-STORAGE-005
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Add an azurerm_storage_account_customer_managed_key (key_vault_id, key_name) for the
#     account, or a customer_managed_key block with a user-assigned identity.
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_AZURE_1]
#   references:
#     - https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview
package mlcomply.azure.storage.cmk

import data.lib.config
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_type := "azurerm_storage_account_customer_managed_key"

_cmk(sa) if count(config.blocks(sa.config, "customer_managed_key")) > 0

_cmk(sa) if config.block_unknown(sa.config, "customer_managed_key")

_keyed := refs.targets(terraform.resources(_type), "storage_account_id")

_any_unresolved if refs.unresolved(_type, "storage_account_id")

_cmk(sa) if refs.targeted(_keyed, sa, "name")

_cmk(_) if _any_unresolved

# A key resource naming no known account may be this one's when its own name is unknown.
_unmatched := refs.unmatched(_keyed, "azurerm_storage_account", "name")

_cmk(acct) if refs.maybe_targeted(_unmatched, acct, "name")

deny contains res if {
	some sa in terraform.resources("azurerm_storage_account")
	not _cmk(sa)
	res := result.resource(sprintf("storage account %s is not encrypted with a customer-managed key", [sa.address]), sa)
}

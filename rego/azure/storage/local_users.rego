# METADATA
# title: Azure storage account allows local users
# description: >-
#   local_user_enabled = true on an azurerm_storage_account, or unset (the default is true) on a
#   hierarchical-namespace account (is_hns_enabled = true, the ADLS Gen2 data lakes where SFTP
#   and local users apply): local users, with their own passwords and SSH keys, can be created
#   on the account that holds the datasets, and authenticate outside Entra ID and its audit
#   trail. Accounts that need no local users should switch the feature off. Unknown values are
#   not reported.
# custom:
#   atlas: [AML.T0012]
#   id: MLC-AZURE-STORAGE-008
#   severity: low
#   profile: strict
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 1.4]
#   remediation: Set local_user_enabled = false unless the account serves SFTP clients, and then manage each azurerm_storage_account_local_user with SSH keys only.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_244]
#   references:
#     - https://learn.microsoft.com/azure/storage/blobs/secure-file-transfer-protocol-support-authorize-access
package mlcomply.azure.storage.local_users

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_allowed(sa) if config.is_true(sa.config.local_user_enabled)

_allowed(sa) if {
	not config.has(sa.config, "local_user_enabled")
	config.is_true(sa.config.is_hns_enabled)
}

deny contains res if {
	some sa in terraform.resources("azurerm_storage_account")
	_allowed(sa)
	res := result.resource(sprintf("storage account %s allows local users (credentials outside Entra ID)", [sa.address]), sa)
}

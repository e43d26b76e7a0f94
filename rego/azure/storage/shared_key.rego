# METADATA
# title: Azure storage account accepts Shared Key authorization
# description: >-
#   shared_access_key_enabled is unset or true (the default) on an azurerm_storage_account:
#   the two account keys, and every SAS token signed with them, grant full access to the
#   datasets and model artifacts outside Entra ID, its conditional access and its per-identity
#   audit trail. Without a sas_policy { expiration_period } the SAS tokens signed with those
#   keys also never have to expire. Unknown values are not reported.
# custom:
#   atlas: [AML.T0012, AML.T0035]
#   id: MLC-AZURE-STORAGE-006
#   severity: low
#   profile: strict
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 1.4]
#   remediation: >-
#     Set shared_access_key_enabled = false and grant access with Entra ID roles (Storage Blob
#     Data Reader/Contributor) to the identities of the workspace and its compute; where keys
#     must stay, add sas_policy { expiration_period = "01.00:00:00" }.
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_AZURE_40, CKV2_AZURE_41]
#   references:
#     - https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent
#     - https://learn.microsoft.com/azure/storage/common/sas-expiration-policy
package mlcomply.azure.storage.shared_key

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_keys_on(sa) if config.is_true(config.value(sa.config, "shared_access_key_enabled", true))

_expiring(sa) if {
	some p in config.blocks(sa.config, "sas_policy")
	config.is_set(p, "expiration_period")
}

_expiring(sa) if config.block_unknown(sa.config, "sas_policy")

_sas_note(sa) := "" if _expiring(sa)

_sas_note(sa) := ", and SAS tokens signed with them need not expire (no sas_policy)" if not _expiring(sa)

deny contains res if {
	some sa in terraform.resources("azurerm_storage_account")
	_keys_on(sa)
	msg := sprintf("storage account %s accepts its account keys (Shared Key authorization)%s", [sa.address, _sas_note(sa)])
	res := result.resource(msg, sa)
}

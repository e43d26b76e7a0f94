# METADATA
# title: Personal data stored in an Azure storage account without a retention limit
# description: >-
#   An azurerm_storage_account that its tags or name mark as holding personal data has no
#   azurerm_storage_management_policy with a rule that deletes blobs (delete_after_days_since_*):
#   blobs are kept for ever, and a GDPR Art. 17 erasure request has to find and delete each copy
#   (and each version and snapshot) by hand.
# custom:
#   atlas_none: "retention and erasure of personal data is a privacy-law control; it prevents or detects no ATLAS technique"
#   id: MLC-AZURE-RETENTION-001
#   severity: medium
#   category: privacy
#   nist_ai_rmf: [MEASURE 2.10, MAP 4.1, GOVERN 1.1]
#   remediation: >-
#     Add an azurerm_storage_management_policy for the account with a rule whose actions
#     { base_blob { delete_after_days_since_modification_greater_than = N } } (and version /
#     snapshot deletes) match the documented retention period.
#   input_kinds: [terraform]
#   references:
#     - https://gdpr-info.eu/art-17-gdpr/
#     - https://learn.microsoft.com/azure/storage/blobs/lifecycle-management-overview
package mlcomply.azure.retention.personal_data

import data.lib.config
import data.lib.personal
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_deletes(action) if {
	some kind in ["base_blob", "version", "snapshot"]
	some b in config.blocks(action, kind)
	some k, _ in b
	startswith(k, "delete_after_days_since")
}

_deleting := {p.config.storage_account_id |
	some p in terraform.resources("azurerm_storage_management_policy")
	some rule in config.blocks(p.config, "rule")
	config.is_true(config.value(rule, "enabled", true))
	some action in config.blocks(rule, "actions")
	_deletes(action)
}

# A management policy whose account cannot be resolved may delete any account's blobs.
# Computed once (terraform.maybe_referenced_by per account would index every attribute of
# every type).
_any_unresolved if refs.unresolved("azurerm_storage_management_policy", "storage_account_id")

deny contains res if {
	some a in personal.holding(terraform.resources("azurerm_storage_account"), "name")
	not a.address in _deleting
	not _any_unresolved
	res := result.resource(
		sprintf("storage account %s holds personal data (by its tags or name) and no management policy deletes its blobs: erasure and retention limits depend on manual deletion", [a.address]),
		a,
	)
}

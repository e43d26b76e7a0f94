# METADATA
# title: Azure blob container whose reads are not logged
# description: >-
#   An azurerm_storage_container sits in a storage account of this configuration that no
#   azurerm_monitor_diagnostic_setting on its blob service (target_resource_id
#   "<account id>/blobServices/default") and no azurerm_log_analytics_storage_insights
#   records: reads of the training data and model artifacts in the container leave no audit
#   trail. Azure's analogue of S3 server access logging (MLC-AWS-S3-007). Containers of
#   accounts defined elsewhere, and configurations with a diagnostic setting whose target
#   cannot be resolved, are not reported.
# custom:
#   atlas_none: "read logging is detection coverage for the account as a whole, not tied to one ATLAS technique"
#   id: MLC-AZURE-STORAGE-009
#   severity: low
#   profile: strict
#   category: logging
#   nist_ai_rmf: [MEASURE 2.8, MEASURE 2.4]
#   remediation: >-
#     Add an azurerm_monitor_diagnostic_setting with target_resource_id =
#     "${azurerm_storage_account.<name>.id}/blobServices/default" and enabled_log { category =
#     "StorageRead" } sent to a Log Analytics workspace or a log storage account.
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_AZURE_21]
#   references:
#     - https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_diagnostic_setting
package mlcomply.azure.storage.read_logging

import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_diag := "azurerm_monitor_diagnostic_setting"

_insights := "azurerm_log_analytics_storage_insights"

# Accounts whose blob service a diagnostic setting or storage insights records, by address or name.
_logged := {account |
	some d in terraform.resources(_diag)
	is_string(d.config.target_resource_id)
	contains(d.config.target_resource_id, "/blobServices/")
	account := split(d.config.target_resource_id, "/blobServices/")[0]
} | refs.targets(terraform.resources(_insights), "storage_account_id")

_any_unresolved if refs.unresolved(_diag, "target_resource_id")

_any_unresolved if refs.unresolved(_insights, "storage_account_id")

_accounts := terraform.resources("azurerm_storage_account")

# What a container can name an account of this configuration by (storage_account_id in
# azurerm 4, storage_account_name before): its address or its literal name, which copies of
# a module may share. Sets built once, so that a container costs two lookups, not a scan of
# every account.
_account_refs := {sa.address | some sa in _accounts} | {name | some sa in _accounts; name := sa.config.name}

_logged_accounts := [sa | some sa in _accounts; refs.targeted(_logged, sa, "name")]

_logged_refs := {sa.address | some sa in _logged_accounts} | {name | some sa in _logged_accounts; name := sa.config.name}

# A container is reported when it names some account of this configuration, and none of the
# accounts it may name (by address or name) is logged.
deny contains res if {
	not _any_unresolved
	some c in terraform.resources("azurerm_storage_container")
	named := {ref |
		some attr in ["storage_account_id", "storage_account_name"]
		ref := c.config[attr]
		is_string(ref)
	}
	count(named & _account_refs) > 0
	count(named & _logged_refs) == 0
	msg := sprintf("storage container %s: reads of its blobs are not logged (no diagnostic setting on its account's blob service)", [c.address])
	res := result.resource(msg, c)
}

# METADATA
# title: Azure storage account without blob soft delete or versioning
# description: >-
#   An azurerm_storage_account (other than a FileStorage account) has neither
#   blob_properties { delete_retention_policy } nor blob_properties { versioning_enabled = true }:
#   a deleted or overwritten training set or model artifact is gone at once, whether by a
#   pipeline bug or by an attacker holding the account key. Azure's analogue of S3
#   versioning (MLC-AWS-S3-006). Unknown values are not reported.
# custom:
#   atlas: [AML.T0059]
#   id: MLC-AZURE-STORAGE-007
#   severity: low
#   profile: strict
#   category: data-integrity
#   nist_ai_rmf: [MEASURE 2.7, MANAGE 2.4]
#   remediation: >-
#     Add blob_properties { delete_retention_policy { days = 14 } container_delete_retention_policy
#     { days = 14 } } (and versioning_enabled = true for datasets that are overwritten in place).
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_AZURE_38]
#   references:
#     - https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview
#     - https://learn.microsoft.com/azure/storage/blobs/versioning-overview
package mlcomply.azure.storage.soft_delete

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_protected(sa) if {
	some p in config.blocks(sa.config, "blob_properties")
	_recoverable(p)
}

_protected(sa) if config.block_unknown(sa.config, "blob_properties")

_recoverable(p) if count(config.blocks(p, "delete_retention_policy")) > 0

_recoverable(p) if config.block_unknown(p, "delete_retention_policy")

_recoverable(p) if not config.is_false(config.value(p, "versioning_enabled", false))

_file_storage(sa) if {
	is_string(sa.config.account_kind)
	lower(sa.config.account_kind) == "filestorage"
}

_file_storage(sa) if terraform.is_unknown(sa.config.account_kind)

deny contains res if {
	some sa in terraform.resources("azurerm_storage_account")
	not _file_storage(sa)
	not _protected(sa)
	res := result.resource(sprintf("storage account %s keeps no deleted or overwritten blobs (no soft delete, no versioning)", [sa.address]), sa)
}

# METADATA
# title: Azure storage allows anonymous public blob access
# description: >-
#   A storage account leaves allow_nested_items_to_be_public unset or true (the azurerm
#   default is true), so containers may opt into anonymous access; or a container sets
#   container_access_type "blob" or "container": datasets and model files are downloadable
#   without credentials. When the configuration's azurerm version constraints allow only
#   versions before 3.0, the account's setting is allow_blob_public_access (default false);
#   when they cannot be read, only an explicit true is reported.
# custom:
#   id: MLC-AZURE-STORAGE-001
#   severity: high
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0025, AML.T0048.004]
#   remediation: >-
#     Set allow_nested_items_to_be_public = false on the account and container_access_type =
#     "private" on containers; share through SAS tokens or Entra ID roles.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_190, CKV_AZURE_34]
#   references:
#     - https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account
package mlcomply.azure.storage.public_blob

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

# Before azurerm 3.0 the setting was allow_blob_public_access, false by default.
_before_3 if terraform.provider_max_major("azurerm") < 3

_public_default := false if _before_3

_public_default := false if terraform.provider_version_unknown("azurerm")

_public_default := true if {
	not _before_3
	not terraform.provider_version_unknown("azurerm")
}

_allows_public(sa) if config.is_true(config.value(sa.config, "allow_nested_items_to_be_public", _public_default))

_allows_public(sa) if config.is_true(sa.config.allow_blob_public_access)

deny contains res if {
	some sa in terraform.resources("azurerm_storage_account")
	_allows_public(sa)
	msg := sprintf("storage account %s allows containers to be made public", [sa.address])
	res := result.with_severity(result.resource(msg, sa), "medium", _opt_in)
}

_opt_in := "nothing is public yet: each container must still opt into anonymous access (reported at high when one does)"

deny contains res if {
	some c in terraform.resources("azurerm_storage_container")
	c.config.container_access_type in {"blob", "container"}
	res := result.resource(sprintf("storage container %s allows anonymous %s access", [c.address, c.config.container_access_type]), c)
}

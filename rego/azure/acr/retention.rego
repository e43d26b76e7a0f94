# METADATA
# title: Container registry without a retention policy for untagged manifests
# description: >-
#   An azurerm_container_registry has neither retention_policy_in_days (azurerm 4) nor
#   retention_policy { enabled = true } (azurerm 3): untagged manifests, old training images
#   with the vulnerable packages and baked-in data they held, stay pullable by digest forever.
# custom:
#   id: MLC-AZURE-ACR-005
#   severity: low
#   profile: strict
#   category: supply-chain
#   nist_ai_rmf: [MANAGE 3.1]
#   atlas_none: "registry housekeeping (storage of untagged manifests); no ATLAS technique"
#   remediation: Set retention_policy_in_days = 7 (Premium SKU), or retention_policy { enabled = true, days = 7 } on azurerm 3.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_167]
#   references:
#     - https://learn.microsoft.com/azure/container-registry/container-registry-retention-policy
package mlcomply.azure.acr.retention

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_retained(acr) if config.has(acr.config, "retention_policy_in_days")

_retained(acr) if {
	some b in config.blocks(acr.config, "retention_policy")
	not config.is_false(config.value(b, "enabled", false))
}

_retained(acr) if config.block_unknown(acr.config, "retention_policy")

deny contains res if {
	some acr in terraform.resources("azurerm_container_registry")
	not _retained(acr)
	res := result.resource(sprintf("container registry %s keeps untagged manifests forever (no retention policy)", [acr.address]), acr)
}

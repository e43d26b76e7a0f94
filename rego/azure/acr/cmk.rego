# METADATA
# title: Container registry without a customer-managed key
# description: >-
#   An azurerm_container_registry has no encryption block with key_vault_key_id: image layers,
#   model weights baked into them included, are encrypted with Microsoft-managed keys only.
# custom:
#   id: MLC-AZURE-ACR-007
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Add encryption { key_vault_key_id, identity_client_id } with a user-assigned identity
#     that can use the key (Premium SKU, set at creation).
#   input_kinds: [terraform]
#   references:
#     - https://learn.microsoft.com/azure/container-registry/tutorial-enable-customer-managed-keys
package mlcomply.azure.acr.cmk

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_cmk(acr) if {
	some e in config.blocks(acr.config, "encryption")
	config.is_set(e, "key_vault_key_id")
	not config.is_false(config.value(e, "enabled", true))
}

_cmk(acr) if config.block_unknown(acr.config, "encryption")

deny contains res if {
	some acr in terraform.resources("azurerm_container_registry")
	not _cmk(acr)
	res := result.resource(sprintf("container registry %s is not encrypted with a customer-managed key", [acr.address]), acr)
}

# METADATA
# title: Container registry without content trust
# description: >-
#   An azurerm_container_registry has neither trust_policy_enabled = true (azurerm 4) nor
#   trust_policy { enabled = true } (azurerm 3): clients cannot require signed images, so a
#   pushed-over training or serving image is pulled like the real one.
# custom:
#   id: MLC-AZURE-ACR-004
#   severity: low
#   profile: strict
#   category: supply-chain
#   nist_ai_rmf: [MEASURE 2.7, MANAGE 3.1]
#   atlas: [AML.T0010.004]
#   remediation: >-
#     Set trust_policy_enabled = true (Premium SKU) and sign images in CI, or sign with
#     Notation and verify with the AKS image integrity policy.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_164]
#   references:
#     - https://learn.microsoft.com/azure/container-registry/container-registry-content-trust
package mlcomply.azure.acr.content_trust

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_trusted(acr) if not config.is_false(config.value(acr.config, "trust_policy_enabled", false))

_trusted(acr) if {
	some b in config.blocks(acr.config, "trust_policy")
	not config.is_false(config.value(b, "enabled", false))
}

_trusted(acr) if config.block_unknown(acr.config, "trust_policy")

deny contains res if {
	some acr in terraform.resources("azurerm_container_registry")
	not _trusted(acr)
	res := result.resource(sprintf("container registry %s does not enforce content trust (signed images)", [acr.address]), acr)
}

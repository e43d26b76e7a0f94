# METADATA
# title: Container registry without image quarantine
# description: >-
#   quarantine_policy_enabled is unset or false on an azurerm_container_registry: a newly
#   pushed image can be pulled before a scanner has checked it and marked it verified.
# custom:
#   id: MLC-AZURE-ACR-006
#   severity: low
#   profile: strict
#   category: supply-chain
#   nist_ai_rmf: [MEASURE 2.7, MANAGE 3.1]
#   atlas: [AML.T0010.004]
#   remediation: Set quarantine_policy_enabled = true (Premium SKU) and release images from a scanning step.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_166]
#   references:
#     - https://github.com/Azure/acr/tree/main/docs/preview/quarantine
package mlcomply.azure.acr.quarantine

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some acr in terraform.resources("azurerm_container_registry")
	config.is_false(config.value(acr.config, "quarantine_policy_enabled", false))
	res := result.resource(sprintf("container registry %s serves pushed images before they are scanned (no quarantine)", [acr.address]), acr)
}

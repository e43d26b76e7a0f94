# METADATA
# title: Container registry allows anonymous pull
# description: >-
#   anonymous_pull_enabled = true on an azurerm_container_registry: anyone on the internet can
#   pull every image without credentials, including training and serving images that carry
#   model weights, code and configuration.
# custom:
#   id: MLC-AZURE-ACR-003
#   severity: high
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Set anonymous_pull_enabled = false; publish images meant for the public in a separate
#     registry that holds nothing else.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_138]
#   references:
#     - https://learn.microsoft.com/azure/container-registry/anonymous-pull-access
package mlcomply.azure.acr.anonymous_pull

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some acr in terraform.resources("azurerm_container_registry")
	config.is_true(config.value(acr.config, "anonymous_pull_enabled", false))
	res := result.resource(sprintf("container registry %s lets anyone pull its images without credentials", [acr.address]), acr)
}

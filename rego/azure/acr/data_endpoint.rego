# METADATA
# title: Premium container registry without dedicated data endpoints
# description: >-
#   A Premium azurerm_container_registry leaves data_endpoint_enabled unset or false: image
#   layers are served from a shared *.blob.core.windows.net endpoint, so a firewall that lets
#   the training and serving network pull images must allow every storage account in the
#   region, an exfiltration path for datasets and model weights. Dedicated data endpoints
#   (<registry>.<region>.data.azurecr.io) let the rule name this registry only. Other SKUs
#   cannot enable them and are not reported; unknown values are not reported.
# custom:
#   atlas_none: "registry network hygiene (dedicated data endpoints); no ATLAS technique is prevented or detected by it"
#   id: MLC-AZURE-ACR-008
#   severity: low
#   profile: strict
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   remediation: Set data_endpoint_enabled = true and allow <registry>.<region>.data.azurecr.io instead of *.blob.core.windows.net in the firewall.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_237]
#   references:
#     - https://learn.microsoft.com/azure/container-registry/container-registry-firewall-access-rules#enable-dedicated-data-endpoints
package mlcomply.azure.acr.data_endpoint

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some acr in terraform.resources("azurerm_container_registry")
	is_string(acr.config.sku)
	lower(acr.config.sku) == "premium"
	config.is_false(config.value(acr.config, "data_endpoint_enabled", false))
	res := result.resource(sprintf("Premium container registry %s serves image layers from the shared blob endpoint (no dedicated data endpoint)", [acr.address]), acr)
}

# METADATA
# title: Container registry reachable from any network
# description: >-
#   public_network_access_enabled is unset or true (the default) and no network_rule_set
#   denies by default on an azurerm_container_registry: the registry that holds training and
#   serving images (and often model weights baked into them) answers from the internet.
# custom:
#   id: MLC-AZURE-ACR-002
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0010.004]
#   remediation: >-
#     Set public_network_access_enabled = false with a private endpoint (Premium SKU), or
#     network_rule_set { default_action = "Deny" } with the allowed IP ranges.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_139]
#   references:
#     - https://learn.microsoft.com/azure/container-registry/container-registry-private-link
#     - https://learn.microsoft.com/azure/machine-learning/how-to-secure-workspace-vnet#enable-azure-container-registry-acr
package mlcomply.azure.acr.public_network

import data.lib.azure.network
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some acr in terraform.resources("azurerm_container_registry")
	network.open_to_all(acr, "network_rule_set", set())
	res := result.resource(sprintf("container registry %s accepts connections from any network", [acr.address]), acr)
}

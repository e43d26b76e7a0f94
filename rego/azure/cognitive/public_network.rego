# METADATA
# title: Cognitive Services / Azure OpenAI account reachable from any network
# description: >-
#   public_network_access_enabled is unset or true (the default) and no network_acls block
#   sets default_action = "Deny" on an azurerm_cognitive_account (Azure OpenAI, Document
#   Intelligence, ...): the model endpoint and its deployments accept calls from the internet.
# custom:
#   id: MLC-AZURE-COGNITIVE-001
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0040, AML.T0024, AML.T0034]
#   remediation: >-
#     Set public_network_access_enabled = false with a private endpoint, or network_acls {
#     default_action = "Deny" } with the allowed subnets and IP ranges.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_134]
#   references:
#     - https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks
package mlcomply.azure.cognitive.public_network

import data.lib.azure.network
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some acct in terraform.resources("azurerm_cognitive_account")
	network.open_to_all(acct, "network_acls", set())
	res := result.resource(sprintf("Cognitive Services account %s accepts calls from any network", [acct.address]), acct)
}

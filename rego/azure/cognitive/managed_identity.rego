# METADATA
# title: Azure AI service without a managed identity
# description: >-
#   An azurerm_cognitive_account (Azure OpenAI, AI Services) or azurerm_search_service has no
#   identity block: it cannot reach Key Vault keys, storage with training or grounding data,
#   or other AI services with Entra ID, so those connections fall back to keys and
#   connection strings.
# custom:
#   id: MLC-AZURE-COGNITIVE-004
#   severity: low
#   profile: strict
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0055]
#   remediation: Add identity { type = "SystemAssigned" } (or a user-assigned identity) and grant it roles on the resources it uses.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_238, CKV_AZURE_207]
#   references:
#     - https://learn.microsoft.com/azure/ai-services/openai/how-to/managed-identity
#     - https://learn.microsoft.com/azure/search/search-howto-managed-identities-data-sources
package mlcomply.azure.cognitive.managed_identity

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_identity(r) if {
	some b in config.blocks(r.config, "identity")
	b.type != "None"
}

_identity(r) if config.block_unknown(r.config, "identity")

deny contains res if {
	some type_name in ["azurerm_cognitive_account", "azurerm_search_service"]
	some r in terraform.resources(type_name)
	not _identity(r)
	res := result.resource(sprintf("%s has no managed identity", [r.address]), r)
}

# METADATA
# title: Azure AI Search service does not enforce customer-managed keys
# description: >-
#   customer_managed_key_enforcement_enabled is unset or false on an azurerm_search_service:
#   indexes and synonym maps, the embeddings and chunks of the documents a RAG application
#   serves, may be created with Microsoft-managed keys only.
# custom:
#   id: MLC-AZURE-SEARCH-003
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: Set customer_managed_key_enforcement_enabled = true and create indexes with an encryptionKey.
#   input_kinds: [terraform]
#   references:
#     - https://learn.microsoft.com/azure/search/search-security-manage-encryption-keys
package mlcomply.azure.search.cmk

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some s in terraform.resources("azurerm_search_service")
	config.is_false(config.value(s.config, "customer_managed_key_enforcement_enabled", false))
	res := result.resource(sprintf("search service %s does not enforce customer-managed keys on its indexes", [s.address]), s)
}

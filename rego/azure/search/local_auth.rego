# METADATA
# title: Azure AI Search service accepts API keys
# description: >-
#   local_authentication_enabled is unset or true (the default) on an azurerm_search_service:
#   static admin and query keys, which leak into notebooks, app settings and CI logs and carry
#   no identity, can read and rewrite the indexes a RAG application retrieves from.
# custom:
#   id: MLC-AZURE-SEARCH-002
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0012]
#   remediation: >-
#     Set local_authentication_enabled = false and grant callers Search Index Data Reader /
#     Contributor through Entra ID.
#   input_kinds: [terraform]
#   references:
#     - https://learn.microsoft.com/azure/search/search-security-enable-roles
package mlcomply.azure.search.local_auth

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some s in terraform.resources("azurerm_search_service")
	config.is_true(config.value(s.config, "local_authentication_enabled", true))
	res := result.resource(sprintf("search service %s accepts API keys (local authentication)", [s.address]), s)
}

# METADATA
# title: Azure AI Search service reachable from any network
# description: >-
#   public_network_access_enabled is unset or true (the default) on an azurerm_search_service
#   and allowed_ips is empty or lists 0.0.0.0/0: the vector and keyword indexes a RAG
#   application retrieves from answer queries from the internet.
# custom:
#   id: MLC-AZURE-SEARCH-001
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0085.000, AML.T0036]
#   remediation: >-
#     Set public_network_access_enabled = false with a private endpoint, or list the callers'
#     ranges in allowed_ips.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_124, CKV_AZURE_210]
#   references:
#     - https://learn.microsoft.com/azure/search/service-create-private-endpoint
#     - https://learn.microsoft.com/azure/search/service-configure-firewall
package mlcomply.azure.search.public_network

import data.lib.config
import data.lib.ports
import data.lib.result
import data.lib.terraform
import rego.v1

_restricted(s) if {
	ips := s.config.allowed_ips
	is_array(ips)
	count(ips) > 0
	not _any_internet(ips)
}

_restricted(s) if terraform.is_unknown(s.config.allowed_ips)

_any_internet(ips) if {
	some ip in ips
	ports.is_internet(ip)
}

deny contains res if {
	some s in terraform.resources("azurerm_search_service")
	config.is_true(config.value(s.config, "public_network_access_enabled", true))
	not _restricted(s)
	res := result.resource(sprintf("search service %s accepts queries from any network", [s.address]), s)
}

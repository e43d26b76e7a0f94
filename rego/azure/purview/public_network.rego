# METADATA
# title: Purview account reachable from public networks
# description: >-
#   An azurerm_purview_account leaves public_network_enabled unset or true (the default): the
#   data map that catalogues every governed data source, its classifications (personal data
#   included) and lineage answers from the internet, protected only by sign-in.
# custom:
#   atlas: [AML.T0035]
#   id: MLC-AZURE-PURVIEW-001
#   severity: medium
#   category: network
#   nist_ai_rmf: [GOVERN 1.6, MEASURE 2.7]
#   remediation: >-
#     Set public_network_enabled = false and reach the account through private endpoints
#     (account, portal and ingestion).
#   input_kinds: [terraform]
#   references:
#     - https://learn.microsoft.com/purview/catalog-private-link
#     - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/purview_account
package mlcomply.azure.purview.public_network

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some p in terraform.resources("azurerm_purview_account")
	config.is_true(config.value(p.config, "public_network_enabled", true))
	res := result.resource(sprintf("Purview account %s accepts connections from public networks", [p.address]), p)
}

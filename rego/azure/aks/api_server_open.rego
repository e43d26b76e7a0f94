# METADATA
# title: AKS API server reachable from any IP address
# description: >-
#   An azurerm_kubernetes_cluster is not a private cluster and restricts its API server to no
#   authorized IP ranges (api_server_access_profile.authorized_ip_ranges, or the older
#   api_server_authorized_ip_ranges), or lists 0.0.0.0/0 among them: the control plane of the
#   cluster that trains and serves the models answers the whole internet.
# custom:
#   id: MLC-AZURE-AKS-003
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: >-
#     Add api_server_access_profile { authorized_ip_ranges = [<office and CI ranges>] }, or make
#     the cluster private (private_cluster_enabled = true).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AZURE_6]
#   references:
#     - https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
package mlcomply.azure.aks.api_server_open

import data.lib.config
import data.lib.ports
import data.lib.result
import data.lib.terraform
import rego.v1

_private(c) if not config.is_false(config.value(c.config, "private_cluster_enabled", false))

_restricted(ranges) if {
	is_array(ranges)
	count(ranges) > 0
	not _any_internet(ranges)
}

_restricted(ranges) if terraform.is_unknown(ranges)

_any_internet(ranges) if {
	some r in ranges
	ports.is_internet(r)
}

_restricted_cluster(c) if _restricted(c.config.api_server_authorized_ip_ranges)

_restricted_cluster(c) if {
	some p in config.blocks(c.config, "api_server_access_profile")
	_restricted(p.authorized_ip_ranges)
}

_restricted_cluster(c) if config.block_unknown(c.config, "api_server_access_profile")

deny contains res if {
	some c in terraform.resources("azurerm_kubernetes_cluster")
	not _private(c)
	not _restricted_cluster(c)
	res := result.resource(sprintf("AKS cluster %s exposes its API server to any IP address", [c.address]), c)
}

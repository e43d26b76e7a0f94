# METADATA
# title: GKE control plane reachable from any IP address
# description: >-
#   A google_container_cluster has no master_authorized_networks_config, or lists 0.0.0.0/0 in
#   it, and no private endpoint: the Kubernetes API of the cluster that trains and serves the
#   models answers the whole internet.
# custom:
#   id: MLC-GCP-GKE-005
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: >-
#     Add master_authorized_networks_config { cidr_blocks { cidr_block = "<office or CI range>" } },
#     or set private_cluster_config { enable_private_endpoint = true }.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_20, CKV_GCP_18]
#   references:
#     - https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks
package mlcomply.gcp.gke.authorized_networks

import data.lib.config
import data.lib.ports
import data.lib.result
import data.lib.terraform
import rego.v1

_private_endpoint(c) if {
	some p in config.blocks(c.config, "private_cluster_config")
	not config.is_false(config.value(p, "enable_private_endpoint", false))
}

_private_endpoint(c) if config.block_unknown(c.config, "private_cluster_config")

_restricted(c) if {
	some m in config.blocks(c.config, "master_authorized_networks_config")
	not _open_block(m)
}

_restricted(c) if config.block_unknown(c.config, "master_authorized_networks_config")

_open_block(m) if {
	some b in config.blocks(m, "cidr_blocks")
	ports.is_internet(b.cidr_block)
}

deny contains res if {
	some c in terraform.resources("google_container_cluster")
	not _private_endpoint(c)
	not _restricted(c)
	res := result.resource(sprintf("GKE cluster %s exposes its control plane to any IP address", [c.address]), c)
}

# METADATA
# title: GKE cluster nodes with public IP addresses
# description: >-
#   A google_container_cluster (Standard mode) has no private_cluster_config with
#   enable_private_nodes = true: every node that trains or serves a model gets an external IP
#   address, and with it every port a pod binds on the host network.
# custom:
#   id: MLC-GCP-GKE-001
#   severity: medium
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0049]
#   remediation: >-
#     Add private_cluster_config { enable_private_nodes = true, master_ipv4_cidr_block = ... }
#     with Cloud NAT for egress.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_64, CKV_GCP_25]
#   references:
#     - https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters
package mlcomply.gcp.gke.private_nodes

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_private(c) if {
	some p in config.blocks(c.config, "private_cluster_config")
	not config.is_false(config.value(p, "enable_private_nodes", false))
}

_private(c) if config.block_unknown(c.config, "private_cluster_config")

# Autopilot nodes follow the cluster's network settings, not this block.
_private(c) if not config.is_false(config.value(c.config, "enable_autopilot", false))

deny contains res if {
	some c in terraform.resources("google_container_cluster")
	not _private(c)
	res := result.resource(sprintf("GKE cluster %s gives its nodes public IP addresses", [c.address]), c)
}

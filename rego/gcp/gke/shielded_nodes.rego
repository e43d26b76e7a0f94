# METADATA
# title: GKE cluster with Shielded GKE Nodes disabled
# description: >-
#   enable_shielded_nodes = false on a google_container_cluster: nodes boot without verified
#   firmware and node identity, so a compromised node (or a pod escaping to it) can
#   impersonate other nodes to the control plane and read their pods' secrets.
# custom:
#   id: MLC-GCP-GKE-003
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas_none: "host hardening of the platform; ATLAS has no technique for boot or node integrity"
#   remediation: Remove enable_shielded_nodes = false (true is the default).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_71]
#   references:
#     - https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes
package mlcomply.gcp.gke.shielded_nodes

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("google_container_cluster")
	config.is_false(c.config.enable_shielded_nodes)
	res := result.resource(sprintf("GKE cluster %s has Shielded GKE Nodes disabled", [c.address]), c)
}

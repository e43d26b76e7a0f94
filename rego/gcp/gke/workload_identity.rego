# METADATA
# title: GKE pods see the node's service account (no Workload Identity)
# description: >-
#   A google_container_cluster (Standard mode) has no workload_identity_config with a
#   workload_pool, or a node pool sets workload_metadata_config { mode = "GCE_METADATA" }:
#   every pod, each training job and notebook included, can fetch the node service account's
#   token from the metadata server and act with its roles.
# custom:
#   id: MLC-GCP-GKE-002
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0055]
#   remediation: >-
#     Add workload_identity_config { workload_pool = "<project>.svc.id.goog" }, set
#     workload_metadata_config { mode = "GKE_METADATA" } on node pools, and bind each
#     Kubernetes service account to its own Google service account.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_69]
#   references:
#     - https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
package mlcomply.gcp.gke.workload_identity

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_enabled(c) if {
	some w in config.blocks(c.config, "workload_identity_config")
	config.is_set(w, "workload_pool")
}

_enabled(c) if config.block_unknown(c.config, "workload_identity_config")

_enabled(c) if not config.is_false(config.value(c.config, "enable_autopilot", false))

deny contains res if {
	some c in terraform.resources("google_container_cluster")
	not _enabled(c)
	res := result.resource(sprintf("GKE cluster %s has no Workload Identity: pods can use the node's service account", [c.address]), c)
}

deny contains res if {
	some type_name in ["google_container_cluster", "google_container_node_pool"]
	some r in terraform.resources(type_name)
	some m in config.nested(r.config, ["node_config", "workload_metadata_config"])
	m.mode == "GCE_METADATA"
	res := result.resource(sprintf("%s exposes the node's service account to pods (workload_metadata_config mode GCE_METADATA)", [r.address]), r)
}

# METADATA
# title: GKE nodes boot without Secure Boot
# description: >-
#   A google_container_node_pool, or the node_config of a google_container_cluster's default
#   pool, does not set shielded_instance_config { enable_secure_boot = true } (GKE's default
#   is off): the GPU and CPU nodes that run training jobs and model servers do not verify
#   their boot chain, so a rootkit in the boot components persists across pod restarts
#   unseen. A cluster without a node_config block, or one that removes its default pool, is
#   judged by its node pools; unknown values are not reported.
# custom:
#   atlas_none: "host hardening of the platform; ATLAS has no technique for boot or node integrity"
#   id: MLC-GCP-GKE-010
#   severity: low
#   profile: strict
#   category: supply-chain
#   nist_ai_rmf: [MEASURE 2.7]
#   remediation: Add node_config { shielded_instance_config { enable_secure_boot = true } } to each node pool (it recreates the nodes).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_68]
#   references:
#     - https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes#secure_boot
package mlcomply.gcp.gke.secure_boot

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_secure_boot(r) if {
	some s in config.nested(r.config, ["node_config", "shielded_instance_config"])
	not config.is_false(config.value(s, "enable_secure_boot", false))
}

_secure_boot(r) if config.path_unknown(r.config, ["node_config", "shielded_instance_config"])

deny contains res if {
	some p in terraform.resources("google_container_node_pool")
	not _secure_boot(p)
	res := result.resource(sprintf("GKE node pool %s boots its nodes without Secure Boot", [p.address]), p)
}

deny contains res if {
	some c in terraform.resources("google_container_cluster")
	count(config.blocks(c.config, "node_config")) > 0
	config.is_false(config.value(c.config, "remove_default_node_pool", false))
	config.is_false(config.value(c.config, "enable_autopilot", false))
	not _secure_boot(c)
	res := result.resource(sprintf("GKE cluster %s boots its default node pool without Secure Boot", [c.address]), c)
}

# METADATA
# title: GKE cluster without Binary Authorization
# description: >-
#   A google_container_cluster has no binary_authorization { evaluation_mode =
#   "PROJECT_SINGLETON_POLICY_ENFORCE" } (nor the older enable_binary_authorization = true):
#   any image, including an unreviewed training or serving image pushed by hand, may run on
#   the cluster.
# custom:
#   id: MLC-GCP-GKE-008
#   severity: low
#   profile: strict
#   category: supply-chain
#   nist_ai_rmf: [MEASURE 2.7, MANAGE 3.1]
#   atlas: [AML.T0010.004]
#   remediation: Add binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" } and a policy requiring attestations from CI.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_66]
#   references:
#     - https://cloud.google.com/binary-authorization/docs/overview
package mlcomply.gcp.gke.binary_authorization

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_enforced(c) if {
	some b in config.blocks(c.config, "binary_authorization")
	b.evaluation_mode != "DISABLED"
	config.has(b, "evaluation_mode")
}

_enforced(c) if {
	some b in config.blocks(c.config, "binary_authorization")
	config.is_true(b.enabled)
}

_enforced(c) if config.block_unknown(c.config, "binary_authorization")

_enforced(c) if not config.is_false(config.value(c.config, "enable_binary_authorization", false))

deny contains res if {
	some c in terraform.resources("google_container_cluster")
	not _enforced(c)
	res := result.resource(sprintf("GKE cluster %s runs images without Binary Authorization", [c.address]), c)
}

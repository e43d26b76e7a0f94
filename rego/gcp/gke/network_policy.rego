# METADATA
# title: GKE cluster does not enforce Kubernetes network policies
# description: >-
#   A google_container_cluster (Standard mode) has neither network_policy { enabled = true }
#   nor datapath_provider = "ADVANCED_DATAPATH" (Dataplane V2): NetworkPolicy objects are
#   ignored, so every pod reaches every other, a Ray head, a notebook server or a model
#   server included.
# custom:
#   id: MLC-GCP-GKE-009
#   severity: low
#   profile: strict
#   category: network
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas_none: "limits pod-to-pod lateral movement; ATLAS lists no network lateral-movement technique"
#   remediation: Set datapath_provider = "ADVANCED_DATAPATH" (or network_policy { enabled = true }) and write NetworkPolicies for the ML namespaces.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_12]
#   references:
#     - https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy
package mlcomply.gcp.gke.network_policy

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_enforced(c) if {
	some p in config.blocks(c.config, "network_policy")
	not config.is_false(config.value(p, "enabled", false))
}

_enforced(c) if config.block_unknown(c.config, "network_policy")

_enforced(c) if c.config.datapath_provider != "LEGACY_DATAPATH"

_enforced(c) if not config.is_false(config.value(c.config, "enable_autopilot", false))

deny contains res if {
	some c in terraform.resources("google_container_cluster")
	not _enforced(c)
	res := result.resource(sprintf("GKE cluster %s does not enforce network policies", [c.address]), c)
}

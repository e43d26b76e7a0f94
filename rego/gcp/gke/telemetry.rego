# METADATA
# title: GKE cluster with Cloud Logging or Cloud Monitoring switched off
# description: >-
#   logging_service = "none" or monitoring_service = "none" on a google_container_cluster:
#   control-plane, node and workload logs (or metrics) of the training and serving cluster
#   are not collected, so an incident on it leaves no record outside it.
# custom:
#   id: MLC-GCP-GKE-007
#   severity: medium
#   category: logging
#   nist_ai_rmf: [MEASURE 2.4, MANAGE 4.1]
#   atlas_none: "cluster-wide monitoring is general detection coverage, not tied to one ATLAS technique"
#   remediation: Remove logging_service / monitoring_service = "none" (the defaults send both to Cloud Logging and Monitoring).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_1, CKV_GCP_8]
#   references:
#     - https://cloud.google.com/kubernetes-engine/docs/concepts/about-logs
package mlcomply.gcp.gke.telemetry

import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("google_container_cluster")
	off := [s | some s in ["logging_service", "monitoring_service"]; c.config[s] == "none"]
	count(off) > 0
	res := result.resource(sprintf("GKE cluster %s switches off %s", [c.address, concat(" and ", off)]), c)
}

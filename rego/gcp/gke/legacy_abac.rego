# METADATA
# title: GKE cluster with legacy ABAC authorization
# description: >-
#   enable_legacy_abac = true on a google_container_cluster: the attribute-based authorizer
#   grants broad, static rights (by default every service account acts as cluster admin)
#   next to RBAC, on the cluster that trains and serves the models.
# custom:
#   id: MLC-GCP-GKE-004
#   severity: high
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas_none: "over-broad permissions widen any compromise; ATLAS names no technique for excess privilege itself"
#   remediation: Remove enable_legacy_abac (false is the default) and grant access with Kubernetes RBAC.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_7]
#   references:
#     - https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110
package mlcomply.gcp.gke.legacy_abac

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

deny contains res if {
	some c in terraform.resources("google_container_cluster")
	config.is_true(c.config.enable_legacy_abac)
	res := result.resource(sprintf("GKE cluster %s has legacy ABAC authorization enabled", [c.address]), c)
}

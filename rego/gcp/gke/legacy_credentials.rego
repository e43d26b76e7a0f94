# METADATA
# title: GKE cluster issues basic-auth or client-certificate credentials
# description: >-
#   A google_container_cluster sets master_auth { username/password } or master_auth {
#   client_certificate_config { issue_client_certificate = true } }: a static credential that
#   cannot be revoked without recreating the cluster authenticates to the control plane,
#   outside IAM and its audit trail.
# custom:
#   id: MLC-GCP-GKE-006
#   severity: high
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0012]
#   remediation: Remove the username, password and client_certificate_config; authenticate with IAM (gcloud / gke-gcloud-auth-plugin).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_13]
#   references:
#     - https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth
package mlcomply.gcp.gke.legacy_credentials

import data.lib.config
import data.lib.result
import data.lib.terraform
import rego.v1

_legacy(c) := "a client certificate" if {
	some cc in config.nested(c.config, ["master_auth", "client_certificate_config"])
	config.is_true(cc.issue_client_certificate)
}

_legacy(c) := "basic authentication" if {
	some m in config.blocks(c.config, "master_auth")
	is_string(m.username)
	m.username != ""
}

deny contains res if {
	some c in terraform.resources("google_container_cluster")
	what := _legacy(c)
	res := result.resource(sprintf("GKE cluster %s issues %s for the control plane", [c.address, what]), c)
}

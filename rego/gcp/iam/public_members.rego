# METADATA
# title: ML resource IAM grants a role to allUsers or allAuthenticatedUsers
# description: >-
#   An *_iam_member, *_iam_binding or *_iam_policy resource of an ML-platform resource
#   (Artifact Registry repository, Vertex AI endpoint or feature store, Workbench / notebooks
#   instance, Secret Manager secret, KMS key, service account, Dataproc cluster) grants a role
#   to allUsers or allAuthenticatedUsers: anyone on the internet (or with any Google account)
#   can use it. Buckets and BigQuery datasets have their own rules (MLC-GCP-GCS-002,
#   MLC-GCP-BIGQUERY-003).
# custom:
#   id: MLC-GCP-IAM-002
#   severity: critical
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0040, AML.T0035, AML.T0055]
#   remediation: Grant the role to named users, groups or service accounts instead of allUsers / allAuthenticatedUsers.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_101]
#   references:
#     - https://cloud.google.com/iam/docs/principal-identifiers
#     - https://cloud.google.com/artifact-registry/docs/access-control
package mlcomply.gcp.iam.public_members

import data.lib.gcp.iam
import data.lib.result
import data.lib.terraform
import rego.v1

_resources := [
	"google_artifact_registry_repository",
	"google_vertex_ai_endpoint",
	"google_vertex_ai_featurestore",
	"google_vertex_ai_featurestore_entitytype",
	"google_notebooks_instance",
	"google_notebooks_runtime",
	"google_workbench_instance",
	"google_secret_manager_secret",
	"google_kms_crypto_key",
	"google_kms_key_ring",
	"google_service_account",
	"google_dataproc_cluster",
]

_reason := "public read of an image registry is sometimes deliberate (published images); it still hands out every model and training image in the repository"

deny contains res if {
	some base in _resources
	some kind in ["member", "binding", "policy"]
	some r in terraform.resources(sprintf("%s_iam_%s", [base, kind]))
	public := iam.public_granted(r)
	count(public) > 0
	res := _with_severity(base, result.resource(sprintf("%s grants a role to %s", [r.address, concat(", ", public)]), r))
}

_with_severity(base, res) := result.with_severity(res, "high", _reason) if base == "google_artifact_registry_repository"

_with_severity(base, res) := res if base != "google_artifact_registry_repository"

# METADATA
# title: Service-account impersonation granted over a whole project, folder or organization
# description: >-
#   A google_project_iam_member / _binding / _policy (or the folder / organization
#   equivalents) grants roles/iam.serviceAccountUser, serviceAccountTokenCreator,
#   serviceAccountAdmin, serviceAccountKeyAdmin or workloadIdentityUser: the member can act as
#   (or mint tokens and keys for) every service account in the scope, the Vertex AI, pipeline
#   and deployment identities included, and so gains all of their roles.
# custom:
#   id: MLC-GCP-IAM-004
#   severity: medium
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas_none: "over-broad permissions widen any compromise; ATLAS names no technique for excess privilege itself"
#   remediation: >-
#     Grant the role on the one service account that must be used
#     (google_service_account_iam_member), not on the project.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_41, CKV_GCP_49]
#   references:
#     - https://cloud.google.com/iam/docs/service-account-permissions
#     - https://cloud.google.com/iam/docs/best-practices-service-accounts#project-folder-grants
package mlcomply.gcp.iam.impersonation

import data.lib.gcp.iam
import data.lib.result
import data.lib.terraform
import rego.v1

_impersonation := {
	"roles/iam.serviceAccountUser",
	"roles/iam.serviceAccountTokenCreator",
	"roles/iam.serviceAccountAdmin",
	"roles/iam.serviceAccountKeyAdmin",
	"roles/iam.workloadIdentityUser",
}

deny contains res if {
	some scope in ["project", "folder", "organization"]
	some kind in ["member", "binding", "policy"]
	some r in terraform.resources(sprintf("google_%s_iam_%s", [scope, kind]))
	roles := sort({role | some [role, m] in iam.role_members(r); role in _impersonation; is_string(m)})
	count(roles) > 0
	res := result.resource(sprintf("%s grants %s over the whole %s: its members can act as every service account in it", [r.address, concat(", ", roles), scope]), r)
}

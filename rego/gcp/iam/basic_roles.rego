# METADATA
# title: Service account granted Owner or Editor on a project, folder or organization
# description: >-
#   A google_project_iam_member / _binding / _policy (or the folder / organization
#   equivalents) grants roles/owner or roles/editor to a serviceAccount: member: the training
#   job, pipeline or notebook that runs as it can change almost every resource, read every
#   dataset and model, and (Owner) grant itself more.
# custom:
#   id: MLC-GCP-IAM-001
#   severity: high
#   category: iam
#   nist_ai_rmf: [MEASURE 2.7, GOVERN 1.4]
#   atlas_none: "over-broad permissions widen any compromise; ATLAS names no technique for excess privilege itself"
#   remediation: >-
#     Grant the predefined roles the workload needs (roles/aiplatform.user,
#     roles/storage.objectViewer on the data bucket, ...) instead of a basic role.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_117, CKV_GCP_42]
#   references:
#     - https://cloud.google.com/iam/docs/roles-overview#basic
#     - https://cloud.google.com/vertex-ai/docs/general/custom-service-account
package mlcomply.gcp.iam.basic_roles

import data.lib.gcp.iam
import data.lib.result
import data.lib.terraform
import rego.v1

_basic := {"roles/owner", "roles/editor"}

_scopes := ["project", "folder", "organization"]

_service_account(m) if {
	is_string(m)
	startswith(m, "serviceAccount:")
}

deny contains res if {
	some scope in _scopes
	some kind in ["member", "binding", "policy"]
	some r in terraform.resources(sprintf("google_%s_iam_%s", [scope, kind]))
	bad := sort({sprintf("%s to %s", [role, m]) | some [role, m] in iam.role_members(r); role in _basic; _service_account(m)})
	count(bad) > 0
	res := result.resource(sprintf("%s grants the basic role %s", [r.address, concat(", ", bad)]), r)
}

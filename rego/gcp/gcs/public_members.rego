# METADATA
# title: GCS bucket or object readable by allUsers or allAuthenticatedUsers
# description: >-
#   A google_storage_bucket_iam_member, _iam_binding or _iam_policy grants a role to allUsers
#   or allAuthenticatedUsers, or an ACL resource (bucket_acl, bucket/object/default-object
#   access control) grants to them: anyone with (or without) a Google account reaches the
#   training data or model artifacts.
# custom:
#   id: MLC-GCP-GCS-002
#   severity: critical
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0025, AML.T0048.004]
#   remediation: >-
#     Grant roles to named users, groups or service accounts; remove allUsers and
#     allAuthenticatedUsers, and set public_access_prevention = "enforced" on the bucket.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_GCP_28]
#   references:
#     - https://cloud.google.com/storage/docs/access-control/making-data-public
#     - https://cloud.google.com/iam/docs/principal-identifiers
package mlcomply.gcp.gcs.public_members

import data.lib.gcp.iam
import data.lib.result
import data.lib.terraform
import rego.v1

_iam_types := ["google_storage_bucket_iam_member", "google_storage_bucket_iam_binding", "google_storage_bucket_iam_policy"]

_acl_types := [
	"google_storage_bucket_access_control",
	"google_storage_default_object_access_control",
	"google_storage_object_access_control",
]

_public_predefined := {"publicRead", "publicReadWrite", "authenticatedRead"}

deny contains res if {
	some type_name in _iam_types
	some r in terraform.resources(type_name)
	public := iam.public_granted(r)
	count(public) > 0
	res := result.resource(sprintf("%s grants a role to %s", [r.address, concat(", ", public)]), r)
}

deny contains res if {
	some type_name in _acl_types
	some r in terraform.resources(type_name)
	r.config.entity in iam.public_members
	res := result.resource(sprintf("%s grants %v to %s", [r.address, r.config.role, r.config.entity]), r)
}

deny contains res if {
	some r in terraform.resources("google_storage_bucket_acl")
	some entry in r.config.role_entity
	is_string(entry)
	entity := split(entry, ":")[1]
	entity in iam.public_members
	res := result.resource(sprintf("%s grants %s", [r.address, entry]), r)
}

deny contains res if {
	some r in terraform.resources("google_storage_bucket_acl")
	r.config.predefined_acl in _public_predefined
	res := result.resource(sprintf("%s applies the public predefined ACL %q", [r.address, r.config.predefined_acl]), r)
}

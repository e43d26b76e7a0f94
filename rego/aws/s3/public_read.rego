# METADATA
# title: S3 bucket readable by the public
# description: >-
#   The bucket's canned ACL (inline `acl` or an aws_s3_bucket_acl resource) or an explicit
#   grant opens it to everyone or to every AWS account, exposing datasets and model weights.
# custom:
#   id: MLC-AWS-S3-002
#   severity: critical
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0025, AML.T0048.004]
#   remediation: >-
#     Use the `private` canned ACL (or disable ACLs with object ownership BucketOwnerEnforced),
#     remove grants to the AllUsers and AuthenticatedUsers groups, and share data through
#     IAM policies or presigned URLs instead.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_20, CKV_AWS_57]
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
package mlcomply.aws.s3.public_read

import data.lib.result
import data.lib.terraform
import rego.v1

_public_acls := {"public-read", "public-read-write", "authenticated-read"}

_public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

deny contains res if {
	some bucket in terraform.resources("aws_s3_bucket")
	bucket.config.acl in _public_acls
	res := result.resource(sprintf("S3 bucket %s has the public canned ACL %q", [bucket.address, bucket.config.acl]), bucket)
}

deny contains res if {
	some acl in terraform.resources("aws_s3_bucket_acl")
	acl.config.acl in _public_acls
	res := result.resource(sprintf("%s gives bucket %s the public canned ACL %q", [acl.address, _name(acl.config.bucket), acl.config.acl]), acl)
}

deny contains res if {
	some acl in terraform.resources("aws_s3_bucket_acl")
	some policy in acl.config.access_control_policy
	some grant in policy.grant
	some grantee in grant.grantee
	grantee.uri in _public_groups
	res := result.resource(sprintf("%s grants %s to %s", [acl.address, grant.permission, grantee.uri]), acl)
}

_name(value) := value if is_string(value)

_name(value) := "(unknown)" if not is_string(value)

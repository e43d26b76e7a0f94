# METADATA
# title: S3 bucket without a complete public access block
# description: >-
#   No aws_s3_bucket_public_access_block refers to the bucket (and no account-wide block
#   covers it), or the block leaves one of block_public_acls, block_public_policy,
#   ignore_public_acls, restrict_public_buckets unset or false.
# custom:
#   id: MLC-AWS-S3-003
#   severity: medium
#   category: public-access
#   nist_ai_rmf: [MEASURE 2.7]
#   atlas: [AML.T0035, AML.T0025, AML.T0020, AML.T0010.002]
#   remediation: >-
#     Add an aws_s3_bucket_public_access_block for the bucket (or an
#     aws_s3_account_public_access_block) with all four settings set to true.
#   input_kinds: [terraform]
#   checkov_ids: [CKV2_AWS_6, CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56]
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
package mlcomply.aws.s3.public_access_block

import data.lib.aws.s3
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

_pab_type := "aws_s3_bucket_public_access_block"

# A setting counts as off only when it is known to be off: absent (provider default false)
# or false. An unknown value is an object, never false: it is not a violation.
_weak_settings(block) := [s | some s in _settings; not block.config[s]]

_account_wide if {
	some acct in terraform.resources("aws_s3_account_public_access_block")
	count(_weak_settings(acct)) == 0
}

_blocked := refs.targets(terraform.resources(_pab_type), "bucket")

_any_unresolved if refs.unresolved(_pab_type, "bucket")

# The indexes in s3.buckets of the buckets an access block covers, computed once; or may
# cover: it names no known bucket, and the bucket's own name is unknown.
_covered := s3.named(_blocked) | s3.maybe_named(_blocked)

deny contains res if {
	some i, bucket in s3.buckets
	not i in _covered
	not _any_unresolved
	not _account_wide
	res := result.resource(sprintf("S3 bucket %s has no public access block", [bucket.address]), bucket)
}

deny contains res if {
	some block in terraform.resources(_pab_type)
	weak := [s | some s in _settings; not block.config[s]] # _weak_settings, inline: one call less per block
	count(weak) > 0
	res := result.resource(sprintf("%s does not enable %s", [block.address, concat(", ", weak)]), block)
}

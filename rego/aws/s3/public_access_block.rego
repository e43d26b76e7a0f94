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

import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

_pab_type := "aws_s3_bucket_public_access_block"

# A setting counts as off only when it is known to be off: absent (provider default false)
# or false. An unknown value is not a violation.
_off(block, setting) if not block.config[setting]

_weak_settings(block) := [s | some s in _settings; _off(block, s); not terraform.is_unknown(object.get(block.config, s, null))]

_account_wide if {
	some acct in terraform.resources("aws_s3_account_public_access_block")
	count(_weak_settings(acct)) == 0
}

_blocked := refs.targets(terraform.resources(_pab_type), "bucket")

_any_unresolved if refs.unresolved(_pab_type, "bucket")

_covered(bucket) if refs.targeted(_blocked, bucket, "bucket")

_covered(_) if _any_unresolved

# An access block naming no known bucket may be this one's when its own name is unknown.
_unmatched := refs.unmatched(_blocked, "aws_s3_bucket", "bucket")

_covered(bucket) if refs.maybe_targeted(_unmatched, bucket, "bucket")

_covered(_) if _account_wide

deny contains res if {
	some bucket in terraform.resources("aws_s3_bucket")
	not _covered(bucket)
	res := result.resource(sprintf("S3 bucket %s has no public access block", [bucket.address]), bucket)
}

deny contains res if {
	some block in terraform.resources(_pab_type)
	weak := _weak_settings(block)
	count(weak) > 0
	res := result.resource(sprintf("%s does not enable %s", [block.address, concat(", ", weak)]), block)
}

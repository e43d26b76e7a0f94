# METADATA
# title: S3 bucket without versioning
# description: >-
#   Neither an aws_s3_bucket_versioning with status "Enabled" nor an inline versioning
#   block with enabled = true covers the bucket (S3 leaves versioning off by default): an
#   overwritten or deleted dataset or model artifact cannot be recovered or rolled back.
# custom:
#   id: MLC-AWS-S3-006
#   severity: low
#   profile: strict
#   category: data-integrity
#   nist_ai_rmf: [MEASURE 2.7, MANAGE 2.4]
#   atlas: [AML.T0020, AML.T0059]
#   remediation: >-
#     Add an aws_s3_bucket_versioning whose `bucket` is this bucket with
#     versioning_configuration { status = "Enabled" } (and a lifecycle rule for old versions).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_21]
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_versioning
package mlcomply.aws.s3.versioning

import data.lib.aws.s3
import data.lib.config
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_type := "aws_s3_bucket_versioning"

_status_ok(v) if {
	some c in config.blocks(v.config, "versioning_configuration")
	not config.value(c, "status", "") in {"Suspended", "Disabled"}
}

_status_ok(v) if config.block_unknown(v.config, "versioning_configuration")

_versioned := refs.targets([v | some v in terraform.resources(_type); _status_ok(v)], "bucket")

# The indexes in s3.buckets of the versioned buckets, computed once: an inline versioning
# block not disabled or unknown (config.blocks and config.block_unknown, inline: the block
# is absent from most buckets), a versioning resource that refers to the bucket, or one that
# may (it names no known bucket, and this bucket's own name is unknown).
_enabled := {i |
	some i, bucket in s3.buckets
	blocks := bucket.config.versioning
	is_array(blocks)
	some v in blocks
	not config.is_false(config.value(v, "enabled", false))
} | {i |
	some i, bucket in s3.buckets
	block := bucket.config.versioning
	is_object(block)
	block.__unknown__
} | s3.named(_versioned) | s3.maybe_named(_versioned)

_any_unresolved if refs.unresolved(_type, "bucket")

deny contains res if {
	some i, bucket in s3.buckets
	not i in _enabled
	not _any_unresolved
	res := result.resource(sprintf("S3 bucket %s does not have versioning enabled", [bucket.address]), bucket)
}

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

import data.lib.config
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_type := "aws_s3_bucket_versioning"

_enabled(bucket) if {
	some v in config.blocks(bucket.config, "versioning")
	not config.is_false(config.value(v, "enabled", false))
}

_enabled(bucket) if config.block_unknown(bucket.config, "versioning")

_status_ok(v) if {
	some c in config.blocks(v.config, "versioning_configuration")
	not config.value(c, "status", "") in {"Suspended", "Disabled"}
}

_status_ok(v) if config.block_unknown(v.config, "versioning_configuration")

_versioned := refs.targets([v | some v in terraform.resources(_type); _status_ok(v)], "bucket")

_any_unresolved if refs.unresolved(_type, "bucket")

_enabled(bucket) if refs.targeted(_versioned, bucket, "bucket")

_enabled(_) if _any_unresolved

# A versioning resource naming no known bucket may be this one's when its own name is unknown.
_unmatched := refs.unmatched(_versioned, "aws_s3_bucket", "bucket")

_enabled(bucket) if refs.maybe_targeted(_unmatched, bucket, "bucket")

deny contains res if {
	some bucket in terraform.resources("aws_s3_bucket")
	not _enabled(bucket)
	res := result.resource(sprintf("S3 bucket %s does not have versioning enabled", [bucket.address]), bucket)
}

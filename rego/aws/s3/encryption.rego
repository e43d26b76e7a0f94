# METADATA
# title: S3 bucket without server-side encryption
# description: >-
#   An S3 bucket holding training data, features or model artifacts has no server-side
#   encryption configuration, neither inline nor through an
#   aws_s3_bucket_server_side_encryption_configuration resource that refers to it.
# custom:
#   id: MLC-AWS-S3-001
#   severity: low
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Add an aws_s3_bucket_server_side_encryption_configuration whose `bucket` is this bucket,
#     with apply_server_side_encryption_by_default (sse_algorithm "aws:kms" and a
#     customer-managed kms_master_key_id for data that needs key-level access control).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_19]
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/serv-side-encryption.html
package mlcomply.aws.s3.encryption

import data.lib.aws.s3
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_config_type := "aws_s3_bucket_server_side_encryption_configuration"

# Joined through a set built once: linear in the number of resources.
_configured := refs.targets(terraform.resources(_config_type), "bucket")

# The indexes in s3.buckets of the encrypted buckets, computed once: an inline configuration
# (an unknown one too: it is an object, whose count is not zero), a configuration that
# refers to the bucket, or one that may (it names no known bucket, and this bucket's own
# name is unknown).
_encrypted := {i |
	some i, bucket in s3.buckets
	count(bucket.config.server_side_encryption_configuration) > 0
} | s3.named(_configured) | s3.maybe_named(_configured)

# A configuration whose bucket cannot be resolved might be any bucket's: not a violation.
_any_unresolved if refs.unresolved(_config_type, "bucket")

deny contains res if {
	some i, bucket in s3.buckets
	not i in _encrypted
	not _any_unresolved
	res := result.resource(sprintf("S3 bucket %s has no server-side encryption configuration", [bucket.address]), bucket)
}

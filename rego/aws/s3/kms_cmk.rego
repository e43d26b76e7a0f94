# METADATA
# title: S3 bucket not encrypted with a customer-managed KMS key
# description: >-
#   The bucket's default encryption (inline, or an
#   aws_s3_bucket_server_side_encryption_configuration that refers to it) is absent, uses
#   SSE-S3 (AES256), or uses SSE-KMS without a key or with the AWS-managed alias/aws/s3 key:
#   nobody but AWS controls who can decrypt the datasets and model artifacts.
# custom:
#   id: MLC-AWS-S3-004
#   severity: low
#   profile: strict
#   category: encryption
#   nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
#   atlas: [AML.T0035, AML.T0048.004]
#   remediation: >-
#     Set apply_server_side_encryption_by_default { sse_algorithm = "aws:kms",
#     kms_master_key_id = aws_kms_key.<key>.arn } with a customer-managed key whose key
#     policy limits decryption to the training and serving roles.
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_145]
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration
package mlcomply.aws.s3.kms_cmk

import data.lib.aws.kms
import data.lib.config
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_sse_type := "aws_s3_bucket_server_side_encryption_configuration"

_rule_path := ["rule", "apply_server_side_encryption_by_default"]

_configs := terraform.resources(_sse_type)

# Buckets (by address or name) that a configuration with a customer-managed key covers, and
# those whose configuration cannot be judged: sets built once, joined per bucket.
_cmk_targets := refs.targets([c | some c in _configs; some d in config.nested(c.config, _rule_path); _cmk(d)], "bucket")

_unknown_targets := refs.targets([c | some c in _configs; config.path_unknown(c.config, _rule_path)], "bucket")

_any_unresolved if refs.unresolved(_sse_type, "bucket")

_cmk(d) if {
	d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
	kms.customer_managed(d, "kms_master_key_id")
}

_cmk(d) if terraform.is_unknown(d.sse_algorithm)

_undecidable(bucket) if config.block_unknown(bucket.config, "server_side_encryption_configuration")

_undecidable(bucket) if {
	some c in config.blocks(bucket.config, "server_side_encryption_configuration")
	config.path_unknown(c, _rule_path)
}

_undecidable(bucket) if refs.targeted(_unknown_targets, bucket, "bucket")

_undecidable(_) if _any_unresolved

# A configuration naming no known bucket may be this one's when its own name is unknown.
_unmatched := refs.unmatched(refs.targets(_configs, "bucket"), "aws_s3_bucket", "bucket")

_undecidable(bucket) if refs.maybe_targeted(_unmatched, bucket, "bucket")

_any_cmk(bucket) if {
	some c in config.blocks(bucket.config, "server_side_encryption_configuration")
	some d in config.nested(c, _rule_path)
	_cmk(d)
}

_any_cmk(bucket) if refs.targeted(_cmk_targets, bucket, "bucket")

deny contains res if {
	some bucket in terraform.resources("aws_s3_bucket")
	not _undecidable(bucket)
	not _any_cmk(bucket)
	res := result.resource(sprintf("S3 bucket %s is not encrypted with a customer-managed KMS key", [bucket.address]), bucket)
}

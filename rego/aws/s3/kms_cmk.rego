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
import data.lib.aws.s3
import data.lib.config
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_sse_type := "aws_s3_bucket_server_side_encryption_configuration"

_rule_path := ["rule", "apply_server_side_encryption_by_default"]

_configs := terraform.resources(_sse_type)

_cmk(d) if {
	d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
	kms.customer_managed(d, "kms_master_key_id")
}

_cmk(d) if terraform.is_unknown(d.sse_algorithm)

# The default-encryption blocks of each configuration, by its index in _configs:
# config.nested(c.config, _rule_path) inline (c.config is an object; object.get fails on a
# malformed rule element as config.blocks does).
_defaults := {i: ds |
	some i, c in _configs
	rules := c.config.rule
	is_array(rules)
	ds := [d |
		some r in rules
		blocks := object.get(r, "apply_server_side_encryption_by_default", null)
		is_array(blocks)
		some d in blocks
	]
}

# Buckets (by address or name) that a configuration with a customer-managed key covers, and
# those whose configuration cannot be judged: sets built once, joined per bucket. _cmk and
# config.path_unknown(c.config, _rule_path) inline, cheapest test first.
_cmk_targets := refs.targets([_configs[i] |
	some i, ds in _defaults
	some d in ds
	d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
	d.kms_master_key_id != null # implied by customer_managed (config.has), and cheaper
	kms.customer_managed(d, "kms_master_key_id")
], "bucket") | refs.targets([_configs[i] |
	some i, ds in _defaults
	some d in ds
	algorithm := d.sse_algorithm
	is_object(algorithm)
	algorithm.__unknown__
], "bucket")

_unknown_targets := refs.targets([c |
	some c in _configs
	rules := c.config.rule
	is_object(rules)
	rules.__unknown__
], "bucket") | refs.targets([c |
	some c in _configs
	rules := c.config.rule
	is_array(rules)
	some r in rules
	d := r.apply_server_side_encryption_by_default
	is_object(d)
	d.__unknown__
], "bucket")

_any_unresolved if refs.unresolved(_sse_type, "bucket")

_configured := refs.targets(_configs, "bucket")

# The inline configuration blocks of the bucket at index i of s3.buckets (config.blocks,
# inline: the block is absent from most buckets).
_inline_blocks := {i: blocks |
	some i, bucket in s3.buckets
	blocks := bucket.config.server_side_encryption_configuration
	is_array(blocks)
}

# The indexes in s3.buckets of the buckets whose key cannot be judged, computed once: an
# unknown inline configuration, or an unknown block along _rule_path in it, a configuration
# with such an unknown block that refers to the bucket, or any configuration that may (it
# names no known bucket, and this bucket's own name is unknown).
_undecidable := {i |
	some i, bucket in s3.buckets
	block := bucket.config.server_side_encryption_configuration
	is_object(block)
	block.__unknown__
} | {i |
	some i, blocks in _inline_blocks
	some c in blocks
	config.path_unknown(c, _rule_path)
} | s3.named(_unknown_targets) | s3.maybe_named(_configured)

# The indexes in s3.buckets of the buckets a customer-managed key encrypts, inline or through
# a configuration that refers to them.
_any_cmk := {i |
	some i, blocks in _inline_blocks
	some c in blocks
	some d in config.nested(c, _rule_path)
	_cmk(d)
} | s3.named(_cmk_targets)

deny contains res if {
	some i, bucket in s3.buckets
	not i in _undecidable
	not _any_unresolved
	not i in _any_cmk
	res := result.resource(sprintf("S3 bucket %s is not encrypted with a customer-managed KMS key", [bucket.address]), bucket)
}

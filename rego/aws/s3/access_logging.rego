# METADATA
# title: S3 bucket without server access logging
# description: >-
#   No aws_s3_bucket_logging refers to the bucket and it has no inline logging block: reads
#   and writes of training data and model artifacts leave no audit trail. Buckets that
#   receive other buckets' access logs (a logging target, or the log-delivery-write canned
#   ACL) are not reported (logging them would log the logging).
# custom:
#   id: MLC-AWS-S3-007
#   severity: low
#   profile: strict
#   category: logging
#   nist_ai_rmf: [MEASURE 2.8, MEASURE 2.4]
#   atlas: [AML.T0035, AML.T0025]
#   remediation: >-
#     Add an aws_s3_bucket_logging whose `bucket` is this bucket and whose target_bucket is a
#     dedicated log bucket (or record S3 data events with CloudTrail).
#   input_kinds: [terraform]
#   checkov_ids: [CKV_AWS_18]
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_logging
package mlcomply.aws.s3.access_logging

import data.lib.aws.s3
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_type := "aws_s3_bucket_logging"

_logging := terraform.resources(_type)

_logged_targets := refs.targets(_logging, "bucket")

_any_unresolved if refs.unresolved(_type, "bucket")

# The indexes in s3.buckets of the logged buckets, computed once: an inline logging block
# (config.blocks and config.block_unknown, inline: the block is absent from most buckets), a
# logging resource that refers to the bucket, or one that may (it names no known bucket,
# and this bucket's own name is unknown).
_logged := {i |
	some i, bucket in s3.buckets
	blocks := bucket.config.logging
	is_array(blocks)
	count(blocks) > 0
} | {i |
	some i, bucket in s3.buckets
	block := bucket.config.logging
	is_object(block)
	block.__unknown__
} | s3.named(_logged_targets) | s3.maybe_named(_logged_targets)

# Buckets that receive access logs, from logging resources or inline logging blocks.
_log_targets := refs.targets(_logging, "target_bucket") | {t |
	some other in s3.buckets
	blocks := other.config.logging
	is_array(blocks)
	some l in blocks
	t := l.target_bucket
	is_string(t)
}

# The canned ACL S3 log delivery writes through (inline, or an aws_s3_bucket_acl for the
# bucket) marks a log bucket too.
_log_delivery_acl := "log-delivery-write"

_log_delivery_buckets := refs.targets([a | some a in terraform.resources("aws_s3_bucket_acl"); a.config.acl == _log_delivery_acl], "bucket")

# The indexes in s3.buckets of the buckets that receive access logs, computed once (a log
# target naming no known bucket may be one whose own name is unknown).
_log_target := {i |
	some i, bucket in s3.buckets
	bucket.config.acl == _log_delivery_acl
} | s3.named(_log_targets) | s3.maybe_named(_log_targets) | s3.named(_log_delivery_buckets)

deny contains res if {
	some i, bucket in s3.buckets
	not i in _logged
	not _any_unresolved
	not i in _log_target
	res := result.resource(sprintf("S3 bucket %s has no server access logging", [bucket.address]), bucket)
}

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

import data.lib.config
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_type := "aws_s3_bucket_logging"

_logged(bucket) if count(config.blocks(bucket.config, "logging")) > 0

_logged(bucket) if config.block_unknown(bucket.config, "logging")

_logging := terraform.resources(_type)

_logged_targets := refs.targets(_logging, "bucket")

_any_unresolved if refs.unresolved(_type, "bucket")

_logged(bucket) if refs.targeted(_logged_targets, bucket, "bucket")

_logged(_) if _any_unresolved

# A logging resource naming no known bucket may be this one's when its own name is unknown.
_unmatched_logged := refs.unmatched(_logged_targets, "aws_s3_bucket", "bucket")

_logged(bucket) if refs.maybe_targeted(_unmatched_logged, bucket, "bucket")

# Buckets that receive access logs, from logging resources or inline logging blocks.
_log_targets := refs.targets(_logging, "target_bucket") | {t |
	some other in terraform.resources("aws_s3_bucket")
	some l in config.blocks(other.config, "logging")
	t := l.target_bucket
	is_string(t)
}

_log_target(bucket) if refs.targeted(_log_targets, bucket, "bucket")

# A log target naming no known bucket may be this one when its own name is unknown.
_unmatched_log_targets := refs.unmatched(_log_targets, "aws_s3_bucket", "bucket")

_log_target(bucket) if refs.maybe_targeted(_unmatched_log_targets, bucket, "bucket")

# The canned ACL S3 log delivery writes through (inline, or an aws_s3_bucket_acl for the
# bucket) marks a log bucket too.
_log_delivery_acl := "log-delivery-write"

_log_target(bucket) if bucket.config.acl == _log_delivery_acl

_log_delivery_buckets := refs.targets([a | some a in terraform.resources("aws_s3_bucket_acl"); a.config.acl == _log_delivery_acl], "bucket")

_log_target(bucket) if refs.targeted(_log_delivery_buckets, bucket, "bucket")

deny contains res if {
	some bucket in terraform.resources("aws_s3_bucket")
	not _logged(bucket)
	not _log_target(bucket)
	res := result.resource(sprintf("S3 bucket %s has no server access logging", [bucket.address]), bucket)
}

# METADATA
# title: S3 bucket without server access logging
# description: >-
#   No aws_s3_bucket_logging refers to the bucket and it has no inline logging block: reads
#   and writes of training data and model artifacts leave no audit trail. Buckets that
#   receive other buckets' access logs are not reported (logging them would log the logging).
# custom:
#   id: MLC-AWS-S3-007
#   severity: medium
#   category: logging
#   nist_ai_rmf: [MEASURE 2.8, MEASURE 2.4]
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

_logged(bucket) if count(refs.referencing(bucket, _type, "bucket", "bucket")) > 0

_logged(_) if refs.unresolved(_type, "bucket")

_log_target(bucket) if count(refs.referencing(bucket, _type, "target_bucket", "bucket")) > 0

_log_target(bucket) if {
	some other in terraform.resources("aws_s3_bucket")
	some l in config.blocks(other.config, "logging")
	terraform.refers_to(l.target_bucket, bucket, "bucket")
}

deny contains res if {
	some bucket in terraform.resources("aws_s3_bucket")
	not _logged(bucket)
	not _log_target(bucket)
	res := result.resource(sprintf("S3 bucket %s has no server access logging", [bucket.address]), bucket)
}

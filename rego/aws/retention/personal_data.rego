# METADATA
# title: Personal data stored on AWS without a retention limit
# description: >-
#   An S3 bucket or SageMaker feature group that its tags or name mark as holding personal data
#   has no expiry: no enabled S3 lifecycle rule that expires objects (inline lifecycle_rule or
#   aws_s3_bucket_lifecycle_configuration), no online-store ttl_duration on the feature group.
#   Records are then kept for ever, and a GDPR Art. 17 erasure request has to find and delete
#   each copy by hand, in training sets and features as well as in the source.
# custom:
#   atlas_none: "retention and erasure of personal data is a privacy-law control; it prevents or detects no ATLAS technique"
#   id: MLC-AWS-RETENTION-001
#   severity: medium
#   category: privacy
#   nist_ai_rmf: [MEASURE 2.10, MAP 4.1, GOVERN 1.1]
#   remediation: >-
#     Add an aws_s3_bucket_lifecycle_configuration with a rule { status = "Enabled"
#     expiration { days = N } } (and noncurrent_version_expiration on versioned buckets) matching
#     the documented retention period; give feature groups online_store_config { ttl_duration {
#     unit = "Days" value = N } }. Document the erasure procedure next to the retention period.
#   input_kinds: [terraform]
#   references:
#     - https://gdpr-info.eu/art-17-gdpr/
#     - https://gdpr-info.eu/art-5-gdpr/
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
#     - https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-time-to-live.html
package mlcomply.aws.retention.personal_data

import data.lib.config
import data.lib.personal
import data.lib.refs
import data.lib.result
import data.lib.terraform
import rego.v1

_expires(rule) if count(config.blocks(rule, "expiration")) > 0

_expires(rule) if count(config.blocks(rule, "noncurrent_version_expiration")) > 0

# Bucket references (address or name) of lifecycle configurations with an enabled expiry.
_expiring := {lc.config.bucket |
	some lc in terraform.resources("aws_s3_bucket_lifecycle_configuration")
	some rule in config.blocks(lc.config, "rule")
	config.value(rule, "status", "Enabled") == "Enabled"
	_expires(rule)
}

_inline_expiry(b) if {
	some rule in config.blocks(b.config, "lifecycle_rule")
	config.is_true(config.value(rule, "enabled", true))
	_expires(rule)
}

# A lifecycle configuration whose bucket cannot be resolved may expire any bucket. Computed
# once (terraform.maybe_referenced_by per bucket would index every attribute of every type).
_any_unresolved if refs.unresolved("aws_s3_bucket_lifecycle_configuration", "bucket")

_kept(b) if {
	not _inline_expiry(b)
	not b.address in _expiring
	not object.get(b.config, "bucket", null) in _expiring
	not _any_unresolved
	not config.block_unknown(b.config, "lifecycle_rule")
}

deny contains res if {
	some b in personal.holding(terraform.resources("aws_s3_bucket"), "bucket")
	_kept(b)
	res := result.resource(
		sprintf("S3 bucket %s holds personal data (by its tags or name) and no lifecycle rule expires it: erasure and retention limits depend on manual deletion", [b.address]),
		b,
	)
}

deny contains res if {
	some fg in personal.holding(terraform.resources("aws_sagemaker_feature_group"), "feature_group_name")
	some online in config.blocks(fg.config, "online_store_config")
	config.is_true(config.value(online, "enable_online_store", false))
	not config.has(online, "ttl_duration")
	res := result.resource(
		sprintf("feature group %s holds personal data in its online store with no ttl_duration: records stay until deleted one by one (DeleteRecord)", [fg.address]),
		fg,
	)
}

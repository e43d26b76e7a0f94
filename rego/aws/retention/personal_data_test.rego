package mlcomply.aws.retention.personal_data_test

import data.mlcomply.aws.retention.personal_data as rule
import rego.v1

_bucket(cfg) := {"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "mode": "managed", "config": cfg}

_lc(bucket, rule_block) := {
	"address": "aws_s3_bucket_lifecycle_configuration.l", "type": "aws_s3_bucket_lifecycle_configuration", "mode": "managed",
	"config": {"bucket": bucket, "rule": [rule_block]},
}

_count(resources) := n if {
	n := count(rule.deny) with input as {"content": {"resources": resources}}
}

test_tagged_bucket_without_expiry_denied if {
	_count([_bucket({"bucket": "x", "tags": {"pii": "true"}})]) == 1
	_count([_bucket({"bucket": "x", "tags": {"pii": "true"}}), _lc("aws_s3_bucket.b", {"status": "Enabled", "transition": [{"days": 30}]})]) == 1
	_count([_bucket({"bucket": "x", "tags": {"pii": "true"}}), _lc("aws_s3_bucket.b", {"status": "Disabled", "expiration": [{"days": 30}]})]) == 1
}

test_expiry_by_address_name_inline_or_unknown_passes if {
	_count([_bucket({"bucket": "x", "tags": {"pii": "true"}}), _lc("aws_s3_bucket.b", {"status": "Enabled", "expiration": [{"days": 30}]})]) == 0
	_count([_bucket({"bucket": "x", "tags": {"pii": "true"}}), _lc("x", {"status": "Enabled", "expiration": [{"days": 30}]})]) == 0
	_count([_bucket({"bucket": "x", "tags": {"pii": "true"}, "lifecycle_rule": [{"enabled": true, "expiration": [{"days": 9}]}]})]) == 0
	_count([_bucket({"bucket": "x", "tags": {"pii": "true"}}), _lc({"__unknown__": "var.b"}, {"status": "Enabled"})]) == 0
	_count([_bucket({"bucket": "x", "tags": {"team": "ml"}})]) == 0
}

test_feature_group_online_store_without_ttl if {
	fg := {"address": "aws_sagemaker_feature_group.f", "type": "aws_sagemaker_feature_group", "mode": "managed", "config": {
		"feature_group_name": "customer-pii",
		"online_store_config": [{"enable_online_store": true}],
	}}
	_count([fg]) == 1
	with_ttl := json.patch(fg, [{"op": "add", "path": "/config/online_store_config/0/ttl_duration", "value": [{"unit": "Days", "value": 30}]}])
	_count([with_ttl]) == 0
}

# A lifecycle configuration whose bucket is unknown may expire any bucket: every personal
# bucket is silent, whatever its name. Without it, each personal bucket is judged alone.
test_many_buckets_with_unresolved_lifecycle if {
	b1 := {"address": "aws_s3_bucket.one", "type": "aws_s3_bucket", "mode": "managed", "config": {"bucket": "one", "tags": {"pii": "true"}}}
	b2 := {"address": "aws_s3_bucket.two", "type": "aws_s3_bucket", "mode": "managed", "config": {"bucket": "customer-pii"}}
	b3 := {"address": "aws_s3_bucket.three", "type": "aws_s3_bucket", "mode": "managed", "config": {"bucket": "logs"}}
	_count([b1, b2, b3]) == 2
	_count([b1, b2, b3, _lc("one", {"status": "Enabled", "expiration": [{"days": 1}]})]) == 1
	_count([b1, b2, b3, _lc({"__unknown__": "var.b"}, {"status": "Enabled"})]) == 0
}

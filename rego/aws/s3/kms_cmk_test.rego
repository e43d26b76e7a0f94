package mlcomply.aws.s3.kms_cmk_test

import data.mlcomply.aws.s3.kms_cmk
import rego.v1

_r(type_name, address, config) := {"address": address, "type": type_name, "mode": "managed", "config": config}

_sse(bucket, dflt) := _r(
	"aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_server_side_encryption_configuration.e",
	{"bucket": bucket, "rule": [{"apply_server_side_encryption_by_default": [dflt]}]},
)

_denied(rs) := found if {
	found := {r.address | some r in kms_cmk.deny} with input as {"content": {"resources": rs}}
}

test_no_encryption_denied if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {})]) == {"aws_s3_bucket.a"}
}

test_sse_s3_denied if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _sse("aws_s3_bucket.a", {"sse_algorithm": "AES256"})]) == {"aws_s3_bucket.a"}
}

test_aws_managed_key_denied if {
	d := {"sse_algorithm": "aws:kms", "kms_master_key_id": "alias/aws/s3"}
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _sse("aws_s3_bucket.a", d)]) == {"aws_s3_bucket.a"}
}

test_kms_without_key_denied if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _sse("aws_s3_bucket.a", {"sse_algorithm": "aws:kms"})]) == {"aws_s3_bucket.a"}
}

test_customer_key_joined_passes if {
	d := {"sse_algorithm": "aws:kms", "kms_master_key_id": "aws_kms_key.k"}
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _sse("aws_s3_bucket.a", d)]) == set()
}

test_customer_key_inline_passes if {
	d := {"sse_algorithm": "aws:kms:dsse", "kms_master_key_id": "aws_kms_key.k"}
	cfg := {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [d]}]}]}
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", cfg)]) == set()
}

test_unknown_values_pass if {
	unknown_key := {"sse_algorithm": "aws:kms", "kms_master_key_id": {"__unknown__": "var.key"}}
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _sse("aws_s3_bucket.a", unknown_key)]) == set()
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _sse({"__unknown__": "var.b"}, {"sse_algorithm": "AES256"})]) == set()
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _sse("aws_s3_bucket.a", {"sse_algorithm": {"__unknown__": "var.alg"}})]) == set()
}

test_bucket_name_unknown_with_unmatched_configuration_passes if {
	d := {"sse_algorithm": "aws:kms", "kms_master_key_id": "aws_kms_key.k"}
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"bucket": {"__unknown__": "var.name"}}), _sse("acme-models", d)]) == set()
}

test_bucket_name_unknown_with_configuration_of_another_bucket_is_denied if {
	d := {"sse_algorithm": "aws:kms", "kms_master_key_id": "aws_kms_key.k"}
	rs := [
		_r("aws_s3_bucket", "aws_s3_bucket.a", {"bucket": {"__unknown__": "var.name"}}),
		_r("aws_s3_bucket", "aws_s3_bucket.b", {"bucket": "acme-models"}),
		_sse("acme-models", d),
	]
	_denied(rs) == {"aws_s3_bucket.a"}
}

# Many buckets in one document, each judged by its own configuration: a customer key by
# address or name, an unknown default block or an unknown rule list (undecidable: silent),
# an unknown algorithm (silent), SSE-S3 by name (denied), inline unknown path (silent).
test_many_buckets_each_judged_alone if {
	sse := "aws_s3_bucket_server_side_encryption_configuration"
	rs := [
		_r("aws_s3_bucket", "aws_s3_bucket.cmk_address", {"bucket": "one"}),
		_r("aws_s3_bucket", "aws_s3_bucket.cmk_name", {"bucket": "two"}),
		_r("aws_s3_bucket", "aws_s3_bucket.unknown_default", {"bucket": "three"}),
		_r("aws_s3_bucket", "aws_s3_bucket.unknown_rule", {"bucket": "four"}),
		_r("aws_s3_bucket", "aws_s3_bucket.unknown_algorithm", {"bucket": "five"}),
		_r("aws_s3_bucket", "aws_s3_bucket.sse_s3", {"bucket": "six"}),
		_r("aws_s3_bucket", "aws_s3_bucket.inline_unknown", {"bucket": "seven", "server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": {"__unknown__": "var.d"}}]}]}),
		_r("aws_s3_bucket", "aws_s3_bucket.bare", {"bucket": "eight"}),
		_r(sse, "e.1", {"bucket": "aws_s3_bucket.cmk_address", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms", "kms_master_key_id": "aws_kms_key.k.arn"}]}]}),
		_r(sse, "e.2", {"bucket": "two", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms:dsse", "kms_master_key_id": "aws_kms_key.k.arn"}]}]}),
		_r(sse, "e.3", {"bucket": "three", "rule": [{"apply_server_side_encryption_by_default": {"__unknown__": "var.d"}}]}),
		_r(sse, "e.4", {"bucket": "aws_s3_bucket.unknown_rule", "rule": {"__unknown__": "var.rules"}}),
		_r(sse, "e.5", {"bucket": "five", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": {"__unknown__": "var.a"}}]}]}),
		_r(sse, "e.6", {"bucket": "six", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}),
	]
	_denied(rs) == {"aws_s3_bucket.sse_s3", "aws_s3_bucket.bare"}
}

# Any configuration naming no known bucket (even one with a customer key) makes the buckets
# whose own name is unknown undecidable, and only those.
test_unmatched_configuration_silences_only_unknown_names if {
	rs := [
		_r("aws_s3_bucket", "aws_s3_bucket.unknown", {"bucket": {"__unknown__": "var.name"}}),
		_r("aws_s3_bucket", "aws_s3_bucket.known", {"bucket": "known"}),
		_sse("elsewhere", {"sse_algorithm": "AES256"}),
	]
	_denied(rs) == {"aws_s3_bucket.known"}
}

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

package mlcomply.aws.s3.versioning_test

import data.mlcomply.aws.s3.versioning
import rego.v1

_r(type_name, address, config) := {"address": address, "type": type_name, "mode": "managed", "config": config}

_denied(rs) := found if {
	found := {r.address | some r in versioning.deny} with input as {"content": {"resources": rs}}
}

_v(bucket, status) := _r("aws_s3_bucket_versioning", "aws_s3_bucket_versioning.v", {"bucket": bucket, "versioning_configuration": [{"status": status}]})

test_no_versioning_denied if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {})]) == {"aws_s3_bucket.a"}
}

test_suspended_denied if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _v("aws_s3_bucket.a", "Suspended")]) == {"aws_s3_bucket.a"}
}

test_inline_disabled_denied if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"versioning": [{"enabled": false}]})]) == {"aws_s3_bucket.a"}
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"versioning": [{}]})]) == {"aws_s3_bucket.a"}
}

test_enabled_passes if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"bucket": "lake"}), _v("lake", "Enabled")]) == set()
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"versioning": [{"enabled": "true"}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _v({"__unknown__": "var.b"}, "Suspended")]) == set()
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _v("aws_s3_bucket.a", {"__unknown__": "var.s"})]) == set()
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"versioning": [{"enabled": {"__unknown__": "var.v"}}]})]) == set()
}

test_configuration_without_status_is_not_suspended if {
	v := _r("aws_s3_bucket_versioning", "aws_s3_bucket_versioning.v", {"bucket": "aws_s3_bucket.a", "versioning_configuration": [{"mfa_delete": "Disabled"}]})
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), v]) == set()
}

test_bucket_name_unknown_with_unmatched_versioning_passes if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"bucket": {"__unknown__": "var.name"}}), _v("acme-models", "Enabled")]) == set()
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"bucket": "known"}), _v("acme-models", "Enabled")]) == {"aws_s3_bucket.a"}
}

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

# Many buckets in one document, joined by address or name, inline or not: each judged alone.
test_many_buckets_each_judged_alone if {
	rs := [
		_r("aws_s3_bucket", "aws_s3_bucket.by_address", {"bucket": "one"}),
		_r("aws_s3_bucket", "aws_s3_bucket.by_name", {"bucket": "two"}),
		_r("aws_s3_bucket", "aws_s3_bucket.suspended_by_name", {"bucket": "three"}),
		_r("aws_s3_bucket", "aws_s3_bucket.inline_on", {"versioning": [{"enabled": true}]}),
		_r("aws_s3_bucket", "aws_s3_bucket.inline_off", {"versioning": [{"enabled": "false"}]}),
		_r("aws_s3_bucket", "aws_s3_bucket.inline_default", {"versioning": [{}]}),
		_r("aws_s3_bucket", "aws_s3_bucket.inline_unknown", {"versioning": {"__unknown__": "var.v"}}),
		_r("aws_s3_bucket", "aws_s3_bucket.bare", {}),
		_r("aws_s3_bucket_versioning", "aws_s3_bucket_versioning.a", {"bucket": "aws_s3_bucket.by_address", "versioning_configuration": [{"status": "Enabled"}]}),
		_r("aws_s3_bucket_versioning", "aws_s3_bucket_versioning.b", {"bucket": "two", "versioning_configuration": [{"status": "Enabled"}]}),
		_r("aws_s3_bucket_versioning", "aws_s3_bucket_versioning.c", {"bucket": "three", "versioning_configuration": [{"status": "Suspended"}]}),
	]
	_denied(rs) == {"aws_s3_bucket.suspended_by_name", "aws_s3_bucket.inline_off", "aws_s3_bucket.inline_default", "aws_s3_bucket.bare"}
}

# A suspended versioning resource naming an unknown bucket is no cover: it silences nothing.
test_unmatched_suspended_versioning_silences_nothing if {
	rs := [
		_r("aws_s3_bucket", "aws_s3_bucket.unknown", {"bucket": {"__unknown__": "var.name"}}),
		_v("elsewhere", "Suspended"),
	]
	_denied(rs) == {"aws_s3_bucket.unknown"}
}

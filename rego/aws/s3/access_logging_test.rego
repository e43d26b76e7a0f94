package mlcomply.aws.s3.access_logging_test

import data.mlcomply.aws.s3.access_logging
import rego.v1

_r(type_name, address, config) := {"address": address, "type": type_name, "mode": "managed", "config": config}

_denied(rs) := found if {
	found := {r.address | some r in access_logging.deny} with input as {"content": {"resources": rs}}
}

_log(bucket) := _r("aws_s3_bucket_logging", "aws_s3_bucket_logging.l", {"bucket": bucket, "target_bucket": "aws_s3_bucket.logs"})

test_unlogged_bucket_denied if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _r("aws_s3_bucket", "aws_s3_bucket.b", {}), _log("aws_s3_bucket.b")]) == {"aws_s3_bucket.a"}
}

test_inline_and_joined_logging_pass if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"logging": [{"target_bucket": "logs"}]})]) == set()
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"bucket": "lake"}), _log("lake")]) == set()
}

test_log_target_bucket_is_exempt if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.logs", {}), _r("aws_s3_bucket", "aws_s3_bucket.b", {}), _log("aws_s3_bucket.b")]) == set()
	inline := {"logging": [{"target_bucket": "acme-logs"}]}
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.logs", {"bucket": "acme-logs"}), _r("aws_s3_bucket", "aws_s3_bucket.b", inline)]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _log({"__unknown__": "var.b"})]) == set()
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"logging": {"__unknown__": "dynamic"}})]) == set()
}

test_bucket_name_unknown_with_unmatched_logging_passes if {
	unknown_name := {"bucket": {"__unknown__": "var.name"}}
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", unknown_name), _log("acme-models")]) == set()
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.a", {"bucket": "known"}), _log("acme-models")]) == {"aws_s3_bucket.a"}
}

# The access-log target's own name is unknown while the logging resource's target_bucket
# resolved to a name no known bucket has: it may be the log bucket, which the rule exempts.
test_log_target_with_unknown_name_is_exempt if {
	logging := _r("aws_s3_bucket_logging", "aws_s3_bucket_logging.l", {"bucket": "aws_s3_bucket.b", "target_bucket": "acme-logs"})
	logs := _r("aws_s3_bucket", "aws_s3_bucket.logs", {"bucket": {"__unknown__": "var.log_bucket"}})
	_denied([logs, _r("aws_s3_bucket", "aws_s3_bucket.b", {}), logging]) == set()
	known := _r("aws_s3_bucket", "aws_s3_bucket.logs", {"bucket": "other-name"})
	_denied([known, _r("aws_s3_bucket", "aws_s3_bucket.b", {}), logging]) == {"aws_s3_bucket.logs"}
}

test_log_delivery_acl_marks_a_log_bucket if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.logs", {"acl": "log-delivery-write"})]) == set()
	acl := _r("aws_s3_bucket_acl", "aws_s3_bucket_acl.logs", {"bucket": "aws_s3_bucket.logs", "acl": "log-delivery-write"})
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.logs", {}), acl]) == set()
	private := _r("aws_s3_bucket_acl", "aws_s3_bucket_acl.logs", {"bucket": "aws_s3_bucket.logs", "acl": "private"})
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.logs", {}), private]) == {"aws_s3_bucket.logs"}
}

# Many buckets in one document: logged by address or by name, inline or not, a log target
# named by another bucket's inline block, and a bucket with an empty inline list.
test_many_buckets_each_judged_alone if {
	rs := [
		_r("aws_s3_bucket", "aws_s3_bucket.by_address", {"bucket": "one"}),
		_r("aws_s3_bucket", "aws_s3_bucket.by_name", {"bucket": "two"}),
		_r("aws_s3_bucket", "aws_s3_bucket.inline", {"bucket": "three", "logging": [{"target_bucket": "sink"}]}),
		_r("aws_s3_bucket", "aws_s3_bucket.sink", {"bucket": "sink"}),
		_r("aws_s3_bucket", "aws_s3_bucket.empty_inline", {"bucket": "four", "logging": []}),
		_r("aws_s3_bucket", "aws_s3_bucket.bare", {"bucket": "five"}),
		_r("aws_s3_bucket", "aws_s3_bucket.logs", {"bucket": "logs"}),
		_r("aws_s3_bucket_logging", "aws_s3_bucket_logging.a", {"bucket": "aws_s3_bucket.by_address", "target_bucket": "aws_s3_bucket.logs"}),
		_r("aws_s3_bucket_logging", "aws_s3_bucket_logging.b", {"bucket": "two", "target_bucket": "aws_s3_bucket.logs"}),
	]
	_denied(rs) == {"aws_s3_bucket.empty_inline", "aws_s3_bucket.bare"}
}

# A logging resource naming an unknown bucket silences only the buckets whose own name is
# unknown.
test_unmatched_logging_silences_only_unknown_names if {
	rs := [
		_r("aws_s3_bucket", "aws_s3_bucket.unknown", {"bucket": {"__unknown__": "var.name"}}),
		_r("aws_s3_bucket", "aws_s3_bucket.known", {"bucket": "known"}),
		_r("aws_s3_bucket", "aws_s3_bucket.logs", {"bucket": "logs"}),
		_r("aws_s3_bucket_logging", "aws_s3_bucket_logging.a", {"bucket": "elsewhere", "target_bucket": "aws_s3_bucket.logs"}),
	]
	_denied(rs) == {"aws_s3_bucket.known"}
}

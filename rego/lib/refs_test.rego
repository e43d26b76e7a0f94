package lib.refs_test

import data.lib.refs
import rego.v1

_input := {"content": {"resources": [
	{"address": "aws_s3_bucket.a", "type": "aws_s3_bucket", "mode": "managed", "config": {"bucket": "lake"}},
	{"address": "aws_s3_bucket_versioning.x", "type": "aws_s3_bucket_versioning", "mode": "managed", "config": {"bucket": "aws_s3_bucket.a"}},
	{"address": "aws_s3_bucket_versioning.y", "type": "aws_s3_bucket_versioning", "mode": "managed", "config": {"bucket": "lake"}},
	{"address": "aws_s3_bucket_versioning.z", "type": "aws_s3_bucket_versioning", "mode": "managed", "config": {"bucket": "other"}},
]}}

test_targets_and_targeted if {
	rs := [r | some r in _input.content.resources; r.type == "aws_s3_bucket_versioning"]
	t := refs.targets(rs, "bucket")
	t == {"aws_s3_bucket.a", "lake", "other"}
	refs.targeted(t, {"address": "aws_s3_bucket.a", "config": {}}, "bucket")
	refs.targeted(t, {"address": "aws_s3_bucket.x", "config": {"bucket": "lake"}}, "bucket")
	not refs.targeted(t, {"address": "aws_s3_bucket.x", "config": {"bucket": "y"}}, "bucket")
}

test_unresolved if {
	rs := [{"address": "a.b", "type": "a", "mode": "managed", "config": {"bucket": {"__unknown__": "var.b"}}}]
	refs.unresolved("a", "bucket") with input as {"content": {"resources": rs}}
	not refs.unresolved("aws_s3_bucket_versioning", "bucket") with input as _input
}

test_data_source_reference if {
	refs.data_source({"module": ""}, "data.aws_iam_policy_document.p") == "data.aws_iam_policy_document.p"
	refs.data_source({"module": ""}, {"__unknown__": "data.google_iam_policy.p.policy_data"}) == "data.google_iam_policy.p"
	refs.data_source({"module": "module.m"}, {"__unknown__": "data.google_iam_policy.p.policy_data"}) == "module.m.data.google_iam_policy.p"
	not refs.data_source({}, {"__unknown__": "var.policy"})
	not refs.data_source({}, "aws_s3_bucket.b")
}

test_unmatched_and_maybe_targeted if {
	t := {"aws_s3_bucket.a", "lake", "other"}
	u := refs.unmatched(t, "aws_s3_bucket", "bucket") with input as _input
	u == {"other"}
	refs.maybe_targeted(u, {"address": "aws_s3_bucket.n", "config": {"bucket": {"__unknown__": "var.name"}}}, "bucket")
	not refs.maybe_targeted(u, {"address": "aws_s3_bucket.n", "config": {"bucket": "known"}}, "bucket")
	not refs.maybe_targeted(u, {"address": "aws_s3_bucket.n", "config": {}}, "bucket")
	not refs.maybe_targeted(set(), {"address": "aws_s3_bucket.n", "config": {"bucket": {"__unknown__": "var.name"}}}, "bucket")
}

test_unmatched_scans_one_type if {
	# A name or address of another type's resource does not match a bucket.
	u := refs.unmatched({"aws_s3_bucket_versioning.x", "lake"}, "aws_s3_bucket", "bucket") with input as _input
	u == {"aws_s3_bucket_versioning.x"}
}

package lib.aws.s3_test

import data.lib.aws.s3
import rego.v1

_bucket(address, name) := {"address": address, "type": "aws_s3_bucket", "mode": "managed", "config": {"bucket": name}}

_input := {"content": {"resources": [
	_bucket("aws_s3_bucket.a", "lake"),
	_bucket("aws_s3_bucket.b", {"__unknown__": "var.name"}),
	_bucket("aws_s3_bucket.c", "logs"),
	{"address": "aws_s3_bucket.d", "type": "aws_s3_bucket", "mode": "managed", "config": {}},
]}}

test_named_by_address_or_name if {
	s3.named({"aws_s3_bucket.a", "logs"}) == {0, 2} with input as _input
	s3.named({"lake", "aws_s3_bucket.b"}) == {0, 1} with input as _input
	s3.named({"aws_s3_bucket.x", "other"}) == set() with input as _input
}

test_maybe_named_only_with_an_unmatched_target if {
	# Every target names a known bucket, by address or by name: nothing is undecidable.
	s3.maybe_named({"aws_s3_bucket.a", "logs"}) == set() with input as _input
	s3.maybe_named(set()) == set() with input as _input

	# A name no bucket has may be the unknown name of bucket b (index 1).
	s3.maybe_named({"aws_s3_bucket.a", "other"}) == {1} with input as _input

	# An address no bucket has is unmatched too.
	s3.maybe_named({"module.m.aws_s3_bucket.x"}) == {1} with input as _input
}

test_maybe_named_without_unknown_names if {
	known := {"content": {"resources": [_bucket("aws_s3_bucket.a", "lake")]}}
	s3.maybe_named({"other"}) == set() with input as known
}

# Two resources with one address (a duplicate declaration) are judged each by its own name.
test_named_duplicate_address if {
	dup := {"content": {"resources": [_bucket("aws_s3_bucket.a", "one"), _bucket("aws_s3_bucket.a", "two")]}}
	s3.named({"two"}) == {1} with input as dup
	s3.named({"aws_s3_bucket.a"}) == {0, 1} with input as dup
}

package mlcomply.aws.s3.public_access_block_test

import data.mlcomply.aws.s3.public_access_block as pab
import rego.v1

_r(type_name, address, config) := {"address": address, "type": type_name, "mode": "managed", "config": config}

_all_on := {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}

test_missing_block_denied if {
	rs := [_r("aws_s3_bucket", "aws_s3_bucket.a", {})]
	{r.address | some r in pab.deny} == {"aws_s3_bucket.a"} with input as {"content": {"resources": rs}}
}

test_complete_block_passes if {
	rs := [
		_r("aws_s3_bucket", "aws_s3_bucket.a", {}),
		_r("aws_s3_bucket_public_access_block", "aws_s3_bucket_public_access_block.a", object.union(_all_on, {"bucket": "aws_s3_bucket.a"})),
	]
	count(pab.deny) == 0 with input as {"content": {"resources": rs}}
}

test_weak_block_names_the_settings if {
	cfg := {"bucket": "aws_s3_bucket.a", "block_public_acls": true, "block_public_policy": false, "ignore_public_acls": true}
	rs := [_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _r("aws_s3_bucket_public_access_block", "aws_s3_bucket_public_access_block.a", cfg)]
	msgs := {r.msg | some r in pab.deny} with input as {"content": {"resources": rs}}
	msgs == {"aws_s3_bucket_public_access_block.a does not enable block_public_policy, restrict_public_buckets"}
}

test_unknown_setting_is_not_weak if {
	cfg := object.union(_all_on, {"bucket": "aws_s3_bucket.a", "block_public_policy": {"__unknown__": "var.x"}})
	rs := [_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _r("aws_s3_bucket_public_access_block", "aws_s3_bucket_public_access_block.a", cfg)]
	count(pab.deny) == 0 with input as {"content": {"resources": rs}}
}

test_account_wide_block_covers_buckets if {
	rs := [_r("aws_s3_bucket", "aws_s3_bucket.a", {}), _r("aws_s3_account_public_access_block", "aws_s3_account_public_access_block.this", _all_on)]
	count(pab.deny) == 0 with input as {"content": {"resources": rs}}
}

test_bucket_name_unknown_with_unmatched_block_passes if {
	blk := _r("aws_s3_bucket_public_access_block", "aws_s3_bucket_public_access_block.a", object.union(_all_on, {"bucket": "acme-models"}))
	rs := [_r("aws_s3_bucket", "aws_s3_bucket.a", {"bucket": {"__unknown__": "var.name"}}), blk]
	count(pab.deny) == 0 with input as {"content": {"resources": rs}}
	known := [_r("aws_s3_bucket", "aws_s3_bucket.a", {"bucket": "known"}), blk]
	{r.address | some r in pab.deny} == {"aws_s3_bucket.a"} with input as {"content": {"resources": known}}
}

# Many buckets in one document: covered by address or by name, or not at all; an access
# block naming an unknown bucket silences only the buckets whose own name is unknown.
test_many_buckets_each_judged_alone if {
	rs := [
		_r("aws_s3_bucket", "aws_s3_bucket.by_address", {"bucket": "one"}),
		_r("aws_s3_bucket", "aws_s3_bucket.by_name", {"bucket": "two"}),
		_r("aws_s3_bucket", "aws_s3_bucket.bare", {"bucket": "three"}),
		_r("aws_s3_bucket", "aws_s3_bucket.unknown", {"bucket": {"__unknown__": "var.name"}}),
		_r("aws_s3_bucket_public_access_block", "aws_s3_bucket_public_access_block.a", object.union(_all_on, {"bucket": "aws_s3_bucket.by_address"})),
		_r("aws_s3_bucket_public_access_block", "aws_s3_bucket_public_access_block.b", object.union(_all_on, {"bucket": "two"})),
		_r("aws_s3_bucket_public_access_block", "aws_s3_bucket_public_access_block.c", object.union(_all_on, {"bucket": "elsewhere"})),
	]
	found := {r.address | some r in pab.deny} with input as {"content": {"resources": rs}}
	found == {"aws_s3_bucket.bare"}
}

# Each weak block names its own settings; an unknown or null setting is not weak.
test_many_weak_blocks_each_named if {
	rs := [
		_r("aws_s3_bucket_public_access_block", "aws_s3_bucket_public_access_block.a", {"bucket": "a", "block_public_acls": false, "block_public_policy": {"__unknown__": "var.p"}, "ignore_public_acls": true, "restrict_public_buckets": null}),
		_r("aws_s3_bucket_public_access_block", "aws_s3_bucket_public_access_block.b", {"bucket": "b", "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true}),
	]
	msgs := {r.msg | some r in pab.deny} with input as {"content": {"resources": rs}}
	msgs == {
		"aws_s3_bucket_public_access_block.a does not enable block_public_acls",
		"aws_s3_bucket_public_access_block.b does not enable restrict_public_buckets",
	}
}

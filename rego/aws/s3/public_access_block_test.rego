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

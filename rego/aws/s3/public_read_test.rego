package mlcomply.aws.s3.public_read_test

import data.mlcomply.aws.s3.public_read
import rego.v1

_r(type_name, address, config) := {"address": address, "type": type_name, "mode": "managed", "config": config}

test_inline_public_acl_denied if {
	rs := [_r("aws_s3_bucket", "aws_s3_bucket.a", {"acl": "public-read"})]
	{r.address | some r in public_read.deny} == {"aws_s3_bucket.a"} with input as {"content": {"resources": rs}}
}

test_acl_resource_public_denied if {
	rs := [
		_r("aws_s3_bucket", "aws_s3_bucket.a", {}),
		_r("aws_s3_bucket_acl", "aws_s3_bucket_acl.a", {"bucket": "aws_s3_bucket.a", "acl": "public-read-write"}),
	]
	{r.address | some r in public_read.deny} == {"aws_s3_bucket_acl.a"} with input as {"content": {"resources": rs}}
}

test_grant_to_all_users_denied if {
	grantee := {"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}
	policy := {"grant": [{"permission": "READ", "grantee": [grantee]}]}
	rs := [_r("aws_s3_bucket_acl", "aws_s3_bucket_acl.a", {"bucket": "x", "access_control_policy": [policy]})]
	count(public_read.deny) == 1 with input as {"content": {"resources": rs}}
}

test_private_acl_passes if {
	rs := [
		_r("aws_s3_bucket", "aws_s3_bucket.a", {"acl": "private"}),
		_r("aws_s3_bucket_acl", "aws_s3_bucket_acl.a", {"bucket": "aws_s3_bucket.a", "acl": "private"}),
	]
	count(public_read.deny) == 0 with input as {"content": {"resources": rs}}
}

test_unknown_acl_passes if {
	rs := [_r("aws_s3_bucket", "aws_s3_bucket.a", {"acl": {"__unknown__": "var.acl"}})]
	count(public_read.deny) == 0 with input as {"content": {"resources": rs}}
}

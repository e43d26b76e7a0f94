package mlcomply.aws.s3.encryption_test

import data.mlcomply.aws.s3.encryption
import rego.v1

_bucket(address, config) := {"address": address, "type": "aws_s3_bucket", "mode": "managed", "config": config}

_sse(address, bucket) := {
	"address": address,
	"type": "aws_s3_bucket_server_side_encryption_configuration",
	"mode": "managed",
	"config": {"bucket": bucket},
}

test_bucket_without_encryption_is_denied if {
	res := encryption.deny with input as {"content": {"resources": [_bucket("aws_s3_bucket.a", {})]}}
	res == {{"msg": "S3 bucket aws_s3_bucket.a has no server-side encryption configuration", "address": "aws_s3_bucket.a"}}
}

test_joined_configuration_by_address_passes if {
	rs := [_bucket("aws_s3_bucket.a", {}), _sse("aws_s3_bucket_server_side_encryption_configuration.a", "aws_s3_bucket.a")]
	count(encryption.deny) == 0 with input as {"content": {"resources": rs}}
}

test_joined_configuration_by_name_passes if {
	rs := [_bucket("aws_s3_bucket.a", {"bucket": "lake"}), _sse("aws_s3_bucket_server_side_encryption_configuration.a", "lake")]
	count(encryption.deny) == 0 with input as {"content": {"resources": rs}}
}

test_configuration_for_other_bucket_does_not_count if {
	rs := [
		_bucket("aws_s3_bucket.a", {}),
		_bucket("aws_s3_bucket.b", {}),
		_sse("aws_s3_bucket_server_side_encryption_configuration.b", "aws_s3_bucket.b"),
	]
	{r.address | some r in encryption.deny} == {"aws_s3_bucket.a"} with input as {"content": {"resources": rs}}
}

test_inline_configuration_passes if {
	rs := [_bucket("aws_s3_bucket.a", {"server_side_encryption_configuration": [{"rule": []}]})]
	count(encryption.deny) == 0 with input as {"content": {"resources": rs}}
}

test_unknown_reference_is_not_a_violation if {
	rs := [_bucket("aws_s3_bucket.a", {}), _sse("aws_s3_bucket_server_side_encryption_configuration.x", {"__unknown__": "var.bucket"})]
	count(encryption.deny) == 0 with input as {"content": {"resources": rs}}
}

# The bucket's own name is unknown and the configuration's resolved to a name no known bucket
# has: the configuration may be this bucket's, so the pairing is undecidable.
test_bucket_name_unknown_with_unmatched_configuration_passes if {
	rs := [_bucket("aws_s3_bucket.a", {"bucket": {"__unknown__": "var.name"}}), _sse("aws_s3_bucket_server_side_encryption_configuration.a", "acme-models")]
	count(encryption.deny) == 0 with input as {"content": {"resources": rs}}
}

test_bucket_name_unknown_with_configuration_of_another_bucket_is_denied if {
	rs := [
		_bucket("aws_s3_bucket.a", {"bucket": {"__unknown__": "var.name"}}),
		_bucket("aws_s3_bucket.b", {"bucket": "acme-models"}),
		_sse("aws_s3_bucket_server_side_encryption_configuration.b", "acme-models"),
	]
	{r.address | some r in encryption.deny} == {"aws_s3_bucket.a"} with input as {"content": {"resources": rs}}
}

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

# Many buckets in one document: each is judged by its own configuration, whichever way it is
# joined (the rule computes the covered buckets once and looks each one up).
test_many_buckets_each_judged_alone if {
	rs := [
		_bucket("aws_s3_bucket.by_address", {"bucket": "one"}),
		_bucket("aws_s3_bucket.by_name", {"bucket": "two"}),
		_bucket("aws_s3_bucket.inline", {"server_side_encryption_configuration": [{"rule": []}]}),
		_bucket("aws_s3_bucket.inline_unknown", {"server_side_encryption_configuration": {"__unknown__": "var.sse"}}),
		_bucket("aws_s3_bucket.bare", {"bucket": "three"}),
		_bucket("aws_s3_bucket.empty_inline", {"server_side_encryption_configuration": []}),
		_sse("aws_s3_bucket_server_side_encryption_configuration.a", "aws_s3_bucket.by_address"),
		_sse("aws_s3_bucket_server_side_encryption_configuration.b", "two"),
	]
	found := {r.address | some r in encryption.deny} with input as {"content": {"resources": rs}}
	found == {"aws_s3_bucket.bare", "aws_s3_bucket.empty_inline"}
}

# A configuration naming an unknown bucket silences only the buckets whose own name is
# unknown: a bucket with a known name stays judged.
test_unmatched_configuration_silences_only_unknown_names if {
	rs := [
		_bucket("aws_s3_bucket.unknown", {"bucket": {"__unknown__": "var.name"}}),
		_bucket("aws_s3_bucket.known", {"bucket": "known"}),
		_sse("aws_s3_bucket_server_side_encryption_configuration.a", "elsewhere"),
	]
	found := {r.address | some r in encryption.deny} with input as {"content": {"resources": rs}}
	found == {"aws_s3_bucket.known"}
}

# Two buckets under one address (a duplicate declaration): a configuration naming one of
# them by its name does not cover the other.
test_duplicate_address_judged_per_bucket if {
	rs := [
		_bucket("aws_s3_bucket.a", {"bucket": "one"}),
		_bucket("aws_s3_bucket.a", {"bucket": "two"}),
		_sse("aws_s3_bucket_server_side_encryption_configuration.a", "one"),
	]
	count(encryption.deny) == 1 with input as {"content": {"resources": rs}}
}

package lib.terraform_test

import data.lib.terraform
import rego.v1

_input := {"content": {"resources": [
	{"address": "aws_s3_bucket.a", "type": "aws_s3_bucket", "mode": "managed", "config": {"bucket": "logs"}},
	{"address": "data.aws_s3_bucket.d", "type": "aws_s3_bucket", "mode": "data", "config": {}},
	{"address": "aws_s3_bucket_acl.x", "type": "aws_s3_bucket_acl", "mode": "managed", "config": {"bucket": "aws_s3_bucket.a"}},
	{"address": "aws_s3_bucket_acl.y", "type": "aws_s3_bucket_acl", "mode": "managed", "config": {"bucket": {"__unknown__": "var.b"}}},
]}}

test_resources_skips_data_sources if {
	rs := terraform.resources("aws_s3_bucket") with input as _input
	count(rs) == 1
	rs[0].address == "aws_s3_bucket.a"
}

test_refers_to_by_address if {
	terraform.refers_to("aws_s3_bucket.a", {"address": "aws_s3_bucket.a", "config": {}}, "bucket")
}

test_refers_to_by_name if {
	terraform.refers_to("logs", {"address": "aws_s3_bucket.a", "config": {"bucket": "logs"}}, "bucket")
}

test_refers_to_other_is_false if {
	not terraform.refers_to("other", {"address": "aws_s3_bucket.a", "config": {"bucket": "logs"}}, "bucket")
}

test_unknown if {
	terraform.is_unknown({"__unknown__": "var.x"})
	not terraform.is_unknown("var.x")
	not terraform.is_unknown({"a": 1})
}

test_referenced_by if {
	r := {"address": "aws_s3_bucket.a", "config": {"bucket": "logs"}}
	terraform.referenced_by(r, "aws_s3_bucket_acl", "bucket", "bucket") with input as _input
}

test_maybe_referenced_by if {
	terraform.maybe_referenced_by("aws_s3_bucket_acl", "bucket") with input as _input
}

test_addresses_and_string_values if {
	terraform.addresses("aws_s3_bucket") == {"aws_s3_bucket.a"} with input as _input
	terraform.string_values("aws_s3_bucket_acl", "bucket") == {"aws_s3_bucket.a"} with input as _input
	terraform.addresses("aws_sqs_queue") == set() with input as _input
}

test_provider_max_major if {
	providers := {"azurerm": {"max_major": 2}, "aws": {"max_major": null}, "google": {"max_major": {"__unknown__": "x"}}}
	terraform.provider_max_major("azurerm") == 2 with input as {"content": {"resources": [], "providers": providers}}
	not terraform.provider_max_major("aws") with input as {"content": {"resources": [], "providers": providers}}
	not terraform.provider_max_major("google") with input as {"content": {"resources": [], "providers": providers}}
	not terraform.provider_max_major("azurerm") with input as {"content": {"resources": []}}
	terraform.provider_version_unknown("google") with input as {"content": {"resources": [], "providers": providers}}
	not terraform.provider_version_unknown("azurerm") with input as {"content": {"resources": [], "providers": providers}}
}

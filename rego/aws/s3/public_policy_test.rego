package mlcomply.aws.s3.public_policy_test

import data.mlcomply.aws.s3.public_policy
import rego.v1

_r(type_name, address, config) := {"address": address, "type": type_name, "mode": "managed", "config": config}

_denied(rs) := found if {
	found := {r.address | some r in public_policy.deny} with input as {"content": {"resources": rs}}
}

_public_json := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`

test_policy_resource_json_string_denied if {
	_denied([_r("aws_s3_bucket_policy", "aws_s3_bucket_policy.p", {"bucket": "b", "policy": _public_json})]) == {"aws_s3_bucket_policy.p"}
}

test_policy_as_object_denied if {
	doc := {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:*"}]}
	_denied([_r("aws_s3_bucket_policy", "aws_s3_bucket_policy.p", {"policy": doc})]) == {"aws_s3_bucket_policy.p"}
}

test_inline_bucket_policy_denied if {
	_denied([_r("aws_s3_bucket", "aws_s3_bucket.b", {"policy": _public_json})]) == {"aws_s3_bucket.b"}
}

test_data_source_document_denied if {
	d := {"address": "data.aws_iam_policy_document.p", "type": "aws_iam_policy_document", "mode": "data", "config": {"statement": [{"principals": [{"type": "*", "identifiers": ["*"]}], "actions": ["s3:GetObject"]}]}}
	rs := [d, _r("aws_s3_bucket_policy", "aws_s3_bucket_policy.p", {"policy": "data.aws_iam_policy_document.p"})]
	_denied(rs) == {"aws_s3_bucket_policy.p"}
}

test_named_principal_and_conditions_pass if {
	named := `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/train"},"Action":"s3:GetObject"}]}`
	cond := `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`
	deny_all := `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	rs := [
		_r("aws_s3_bucket_policy", "aws_s3_bucket_policy.a", {"policy": named}),
		_r("aws_s3_bucket_policy", "aws_s3_bucket_policy.b", {"policy": cond}),
		_r("aws_s3_bucket_policy", "aws_s3_bucket_policy.c", {"policy": deny_all}),
	]
	_denied(rs) == set()
}

test_unknown_policy_passes if {
	_denied([_r("aws_s3_bucket_policy", "aws_s3_bucket_policy.p", {"policy": {"__unknown__": "var.policy"}})]) == set()
}

package lib.aws.iam_test

import data.lib.aws.iam
import rego.v1

_public := `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`

test_json_string_statement if {
	[st] := iam.statements(_public)
	iam.public_allow(st)
}

test_object_statement_and_aws_wildcard if {
	doc := {"Statement": {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::1:root", "*"]}}}
	[st] := iam.statements(doc)
	iam.public_allow(st)
}

test_named_principal_is_not_public if {
	doc := {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}}]}
	[st] := iam.statements(doc)
	not iam.public_allow(st)
}

test_condition_and_deny_are_not_public if {
	doc := {"Statement": [
		{"Effect": "Allow", "Principal": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}},
		{"Effect": "Deny", "Principal": "*"},
	]}
	sts := iam.statements(doc)
	count(sts) == 2
	every st in sts {
		not iam.public_allow(st)
	}
}

test_invalid_json_and_unknown_have_no_statements if {
	iam.statements("{not json") == []
	iam.statements({"__unknown__": "var.p"}) == []
}

test_policy_document_data_source if {
	d := {"address": "data.aws_iam_policy_document.p", "type": "aws_iam_policy_document", "mode": "data", "config": {"statement": [
		{"principals": [{"type": "*", "identifiers": ["*"]}]},
		{"effect": "Allow", "principals": [{"type": "AWS", "identifiers": ["*"]}], "condition": [{"test": "StringEquals"}]},
	]}}
	c := {"address": "data.aws_iam_policy_document.c", "type": "aws_iam_policy_document", "mode": "data", "config": {"statement": [
		{"effect": "Allow", "principals": [{"type": "AWS", "identifiers": ["*"]}], "condition": [{"test": "StringEquals"}]},
	]}}
	inp := {"content": {"resources": [d, c]}}
	iam.public_documents == {"data.aws_iam_policy_document.p"} with input as inp
	iam.public_policy({"module": ""}, "data.aws_iam_policy_document.p") with input as inp
	not iam.public_policy({"module": ""}, "data.aws_iam_policy_document.c") with input as inp
}

test_unevaluated_reference_in_module if {
	d := {"address": "module.m.data.aws_iam_policy_document.p", "type": "aws_iam_policy_document", "mode": "data", "config": {"statement": [{"principals": [{"type": "*", "identifiers": ["*"]}]}]}}
	iam.public_policy({"module": "module.m"}, {"__unknown__": "data.aws_iam_policy_document.p.json"}) with input as {"content": {"resources": [d]}}
}

test_duplicate_addresses_do_not_break_the_lookup if {
	d := {"address": "data.aws_iam_policy_document.p", "type": "aws_iam_policy_document", "mode": "data", "config": {"statement": [{"principals": [{"type": "*", "identifiers": ["*"]}]}]}}
	other := object.union(d, {"config": {"statement": []}})
	iam.public_documents == {"data.aws_iam_policy_document.p"} with input as {"content": {"resources": [d, other]}}
}

package lib.aws.policy_test

import data.lib.aws.policy
import rego.v1

_role(p) := {"address": "aws_iam_role.r", "type": "aws_iam_role", "mode": "managed", "config": {"assume_role_policy": p}}

test_json_statement_normalised if {
	r := _role(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Principal":{"AWS":"*"},"Condition":{"StringEquals":{"sts:ExternalId":"x"}}}}`)
	[st] := policy.statements(r, "assume_role_policy") with input as {"content": {"resources": [r]}}
	policy.allows(st)
	policy.all_actions(st)
	policy.all_resources(st)
	policy.principal(st, "AWS", "*")
	policy.has_condition_key(st, "sts:externalid")
}

test_data_source_statements if {
	r := _role("data.aws_iam_policy_document.d")
	d := {"address": "data.aws_iam_policy_document.d", "type": "aws_iam_policy_document", "mode": "data", "config": {"statement": [{
		"actions": ["sts:AssumeRoleWithWebIdentity"],
		"principals": [{"type": "Federated", "identifiers": ["arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"]}],
		"condition": [{"test": "StringLike", "variable": "token.actions.githubusercontent.com:sub", "values": ["repo:o/r:*"]}],
	}]}}
	[st] := policy.statements(r, "assume_role_policy") with input as {"content": {"resources": [r, d]}}
	policy.allows(st)
	policy.principal(st, "Federated", "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com")
	policy.has_condition_key(st, "token.actions.githubusercontent.com:sub")
}

test_unknown_policy_is_unreadable if {
	r := _role({"__unknown__": "var.p"})
	policy.statements(r, "assume_role_policy") == [] with input as {"content": {"resources": [r]}}
	policy.unreadable(r, "assume_role_policy") with input as {"content": {"resources": [r]}}
	not policy.unreadable(_role(`{"Statement":[]}`), "assume_role_policy") with input as {"content": {"resources": []}}
}

test_identity_documents if {
	p := {"address": "aws_iam_policy.p", "type": "aws_iam_policy", "mode": "managed", "config": {"policy": `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`}}
	u := {"address": "aws_iam_policy.u", "type": "aws_iam_policy", "mode": "managed", "config": {"policy": {"__unknown__": "var.p"}}}
	docs := policy.identity_documents with input as {"content": {"resources": [p, u]}}
	{d.resource.address | some d in docs} == {"aws_iam_policy.p"}
}

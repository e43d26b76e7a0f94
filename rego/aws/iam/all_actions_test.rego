package mlcomply.aws.iam.all_actions_test

import data.mlcomply.aws.iam.all_actions as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_star_action_denied if {
	_denied([_r("aws_iam_policy", {"policy": `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`})]) == {"aws_iam_policy.t"}
	_denied([_r("aws_iam_role", {"inline_policy": [{"policy": `{"Statement":{"Effect":"Allow","Action":["*:*"],"Resource":"arn:aws:s3:::b"}}`}]})]) == {"aws_iam_role.t"}
}

test_data_source_denied if {
	d := {"address": "data.aws_iam_policy_document.d", "type": "aws_iam_policy_document", "mode": "data", "config": {"statement": [{"actions": ["*"], "resources": ["*"]}]}}
	_denied([d]) == {"data.aws_iam_policy_document.d"}
}

test_deny_or_service_wildcard_passes if {
	_denied([_r("aws_iam_policy", {"policy": `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_iam_policy", {"policy": {"__unknown__": "var.policy"}})]) == set()
}

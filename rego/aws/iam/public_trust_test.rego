package mlcomply.aws.iam.public_trust_test

import data.mlcomply.aws.iam.public_trust as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_star_principal_denied if {
	_denied([_r("aws_iam_role", {"assume_role_policy": `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"*"}}]}`})]) == {"aws_iam_role.t"}
	_denied([_r("aws_iam_role", {"assume_role_policy": `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":"*"}]}`})]) == {"aws_iam_role.t"}
}

test_service_or_conditional_passes if {
	_denied([_r("aws_iam_role", {"assume_role_policy": `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"sagemaker.amazonaws.com"}}]}`})]) == set()
	_denied([_r("aws_iam_role", {"assume_role_policy": `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"*"},"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_iam_role", {"assume_role_policy": {"__unknown__": "var.trust"}})]) == set()
}

package mlcomply.aws.iam.oidc_subject_test

import data.mlcomply.aws.iam.oidc_subject as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_no_sub_denied if {
	p := `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":{"Federated":"arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"},"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}]}`
	_denied([_r("aws_iam_role", {"assume_role_policy": p})]) == {"aws_iam_role.t"}
	w := `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":{"Federated":"arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"},"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}}}]}`
	_denied([_r("aws_iam_role", {"assume_role_policy": w})]) == {"aws_iam_role.t"}
}

test_sub_condition_passes if {
	p := `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":{"Federated":"arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"},"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/models:ref:refs/heads/main"}}}]}`
	_denied([_r("aws_iam_role", {"assume_role_policy": p})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_iam_role", {"assume_role_policy": {"__unknown__": "var.trust"}})]) == set()
}

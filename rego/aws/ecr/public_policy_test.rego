package mlcomply.aws.ecr.public_policy_test

import data.mlcomply.aws.ecr.public_policy as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_public_policy_denied if {
	_denied([_r("aws_ecr_repository_policy", {"policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}`})]) == {"aws_ecr_repository_policy.t"}
}

test_conditional_passes if {
	_denied([_r("aws_ecr_repository_policy", {"policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_ecr_repository_policy", {"policy": {"__unknown__": "var.p"}})]) == set()
}

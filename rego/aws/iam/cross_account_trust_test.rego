package mlcomply.aws.iam.cross_account_trust_test

import data.mlcomply.aws.iam.cross_account_trust as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_account_without_condition_denied if {
	_denied([_r("aws_iam_role", {"assume_role_policy": `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::111122223333:root"}}]}`})]) == {"aws_iam_role.t"}
}

test_external_id_or_role_principal_passes if {
	_denied([_r("aws_iam_role", {"assume_role_policy": `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"111122223333"},"Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]}`})]) == set()
	_denied([_r("aws_iam_role", {"assume_role_policy": `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::111122223333:role/ci"}}]}`})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_iam_role", {"assume_role_policy": {"__unknown__": "data.aws_iam_policy_document.t.json"}})]) == set()
}

package mlcomply.aws.iam.user_policy_test

import data.mlcomply.aws.iam.user_policy as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_user_policies_denied if {
	_denied([_r("aws_iam_user_policy", {"user": "trainer"})]) == {"aws_iam_user_policy.t"}
	_denied([_r("aws_iam_policy_attachment", {"users": ["trainer"], "policy_arn": "arn:aws:iam::1:policy/p"})]) == {"aws_iam_policy_attachment.t"}
}

test_group_attachment_passes if {
	_denied([_r("aws_iam_policy_attachment", {"groups": ["ml"], "policy_arn": "arn:aws:iam::1:policy/p"})]) == set()
}

test_unknown_users_passes if {
	_denied([_r("aws_iam_policy_attachment", {"users": {"__unknown__": "var.users"}})]) == set()
}

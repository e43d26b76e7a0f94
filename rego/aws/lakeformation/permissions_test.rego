package mlcomply.aws.lakeformation.permissions_test

import data.mlcomply.aws.lakeformation.permissions as rule
import rego.v1

_res(cfg) := found if {
	p := {"address": "aws_lakeformation_permissions.p", "type": "aws_lakeformation_permissions", "mode": "managed", "config": cfg}
	found := {[r.msg, object.get(r, "severity", "rule")] | some r in rule.deny} with input as {"content": {"resources": [p]}}
}

test_iam_allowed_principals_denied if {
	_res({"principal": "IAM_ALLOWED_PRINCIPALS", "permissions": ["SELECT"]}) == {[
		"Lake Formation permissions aws_lakeformation_permissions.p grant to IAM_ALLOWED_PRINCIPALS: IAM alone controls access",
		"rule",
	]}
}

test_all_to_a_role_is_medium if {
	_res({"principal": "arn:aws:iam::1:role/ml", "permissions": ["SELECT"], "permissions_with_grant_option": ["SUPER"]}) == {[
		"Lake Formation permissions aws_lakeformation_permissions.p grant SUPER",
		"medium",
	]}
}

test_narrow_grant_or_unknown_passes if {
	_res({"principal": "arn:aws:iam::1:role/ml", "permissions": ["SELECT", "DESCRIBE"]}) == set()
	_res({"principal": {"__unknown__": "var.p"}, "permissions": {"__unknown__": "var.perms"}}) == set()
}

package mlcomply.aws.iam.admin_attached_test

import data.mlcomply.aws.iam.admin_attached as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_admin_attachment_denied if {
	_denied([_r("aws_iam_role_policy_attachment", {"role": "aws_iam_role.sm", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"})]) == {"aws_iam_role_policy_attachment.t"}
	_denied([_r("aws_iam_role", {"managed_policy_arns": ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"]})]) == {"aws_iam_role.t"}
}

test_scoped_policy_passes if {
	_denied([_r("aws_iam_role_policy_attachment", {"policy_arn": "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_iam_role_policy_attachment", {"policy_arn": {"__unknown__": "var.policy"}})]) == set()
	_denied([_r("aws_iam_role", {"managed_policy_arns": {"__unknown__": "var.arns"}})]) == set()
}

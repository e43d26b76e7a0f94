package mlcomply.aws.iam.access_key_test

import data.mlcomply.aws.iam.access_key as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_active_key_denied if {
	_denied([_r("aws_iam_access_key", {"user": "aws_iam_user.ci"})]) == {"aws_iam_access_key.t"}
}

test_inactive_key_passes if {
	_denied([_r("aws_iam_access_key", {"user": "aws_iam_user.ci", "status": "Inactive"})]) == set()
}

test_unknown_status_passes if {
	_denied([_r("aws_iam_access_key", {"status": {"__unknown__": "var.status"}})]) == set()
}

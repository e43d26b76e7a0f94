package mlcomply.aws.lambda.public_url_test

import data.mlcomply.aws.lambda.public_url as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_none_denied if {
	_denied([_r("aws_lambda_function_url", {"authorization_type": "NONE"})]) == {"aws_lambda_function_url.t"}
}

test_iam_passes if {
	_denied([_r("aws_lambda_function_url", {"authorization_type": "AWS_IAM"})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_lambda_function_url", {"authorization_type": {"__unknown__": "var.auth"}})]) == set()
}

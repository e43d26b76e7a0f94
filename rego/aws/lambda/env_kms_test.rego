package mlcomply.aws.lambda.env_kms_test

import data.mlcomply.aws.lambda.env_kms as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_missing_or_aws_managed_key_denied if {
	_denied([_r("aws_lambda_function", {"environment": [{"variables": {"A": "b"}}]})]) == {"aws_lambda_function.t"}
	_denied([_r("aws_lambda_function", {"environment": [{"variables": {"A": "b"}}], "kms_key_arn": "alias/aws/lambda"})]) == {"aws_lambda_function.t"}
}

test_customer_key_passes if {
	_denied([_r("aws_lambda_function", {"environment": [{"variables": {"A": "b"}}], "kms_key_arn": "aws_kms_key.k"})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_lambda_function", {"environment": [{"variables": {"A": "b"}}], "kms_key_arn": {"__unknown__": "var.key"}})]) == set()
}

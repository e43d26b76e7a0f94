package mlcomply.aws.bedrock.custom_model_kms_test

import data.mlcomply.aws.bedrock.custom_model_kms as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_missing_or_aws_managed_key_denied if {
	_denied([_r("aws_bedrock_custom_model", {})]) == {"aws_bedrock_custom_model.t"}
	_denied([_r("aws_bedrock_custom_model", {"custom_model_kms_key_id": "alias/aws/bedrock"})]) == {"aws_bedrock_custom_model.t"}
}

test_customer_key_passes if {
	_denied([_r("aws_bedrock_custom_model", {"custom_model_kms_key_id": "aws_kms_key.k"})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_bedrock_custom_model", {"custom_model_kms_key_id": {"__unknown__": "var.key"}})]) == set()
}

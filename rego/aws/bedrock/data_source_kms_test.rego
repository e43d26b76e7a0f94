package mlcomply.aws.bedrock.data_source_kms_test

import data.mlcomply.aws.bedrock.data_source_kms as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_missing_or_aws_managed_key_denied if {
	_denied([_r("aws_bedrockagent_data_source", {"server_side_encryption_configuration": [{}]})]) == {"aws_bedrockagent_data_source.t"}
	_denied([_r("aws_bedrockagent_data_source", {"server_side_encryption_configuration": [{"kms_key_arn": "alias/aws/bedrockagent"}]})]) == {"aws_bedrockagent_data_source.t"}
}

test_customer_key_passes if {
	_denied([_r("aws_bedrockagent_data_source", {"server_side_encryption_configuration": [{"kms_key_arn": "aws_kms_key.k"}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_bedrockagent_data_source", {"server_side_encryption_configuration": [{"kms_key_arn": {"__unknown__": "var.key"}}]})]) == set()
}

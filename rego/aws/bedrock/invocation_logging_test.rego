package mlcomply.aws.bedrock.invocation_logging_test

import data.mlcomply.aws.bedrock.invocation_logging as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_no_destination_or_text_denied if {
	_denied([_r("aws_bedrock_model_invocation_logging_configuration", {"logging_config": [{"text_data_delivery_enabled": true}]})]) == {"aws_bedrock_model_invocation_logging_configuration.t"}
	_denied([_r("aws_bedrock_model_invocation_logging_configuration", {"logging_config": [{"text_data_delivery_enabled": false, "s3_config": [{"bucket_name": "b"}]}]})]) == {"aws_bedrock_model_invocation_logging_configuration.t"}
}

test_destination_passes if {
	_denied([_r("aws_bedrock_model_invocation_logging_configuration", {"logging_config": [{"cloudwatch_config": [{"log_group_name": "g"}]}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_bedrock_model_invocation_logging_configuration", {"logging_config": [{"s3_config": {"__unknown__": "var.s3"}, "text_data_delivery_enabled": {"__unknown__": "var.t"}}]})]) == set()
}

package mlcomply.aws.sagemaker.model_vpc_test

import data.mlcomply.aws.sagemaker.model_vpc as rule
import rego.v1

_denied(cfg) := found if {
	m := {"address": "aws_sagemaker_model.m", "type": "aws_sagemaker_model", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [m]}}
}

test_missing_vpc_config_denied if {
	_denied({}) == {"aws_sagemaker_model.m"}
	_denied({"vpc_config": []}) == {"aws_sagemaker_model.m"}
}

test_vpc_config_passes if {
	_denied({"vpc_config": [{"subnets": ["subnet-1"], "security_group_ids": ["sg-1"]}]}) == set()
}

test_unknown_block_passes if {
	_denied({"vpc_config": {"__unknown__": "dynamic vpc_config"}}) == set()
}

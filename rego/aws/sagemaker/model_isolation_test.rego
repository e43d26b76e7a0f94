package mlcomply.aws.sagemaker.model_isolation_test

import data.mlcomply.aws.sagemaker.model_isolation as rule
import rego.v1

_denied(cfg) := found if {
	m := {"address": "aws_sagemaker_model.m", "type": "aws_sagemaker_model", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [m]}}
}

test_default_and_false_denied if {
	_denied({}) == {"aws_sagemaker_model.m"}
	_denied({"enable_network_isolation": "false"}) == {"aws_sagemaker_model.m"}
}

test_enabled_passes if {
	_denied({"enable_network_isolation": true}) == set()
}

test_unknown_passes if {
	_denied({"enable_network_isolation": {"__unknown__": "var.isolate"}}) == set()
}

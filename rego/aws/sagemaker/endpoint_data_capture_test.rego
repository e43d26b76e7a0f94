package mlcomply.aws.sagemaker.endpoint_data_capture_test

import data.mlcomply.aws.sagemaker.endpoint_data_capture as rule
import rego.v1

_denied(cfg) := found if {
	ec := {"address": "aws_sagemaker_endpoint_configuration.e", "type": "aws_sagemaker_endpoint_configuration", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [ec]}}
}

test_missing_or_disabled_capture_denied if {
	_denied({}) == {"aws_sagemaker_endpoint_configuration.e"}
	_denied({"data_capture_config": [{"enable_capture": false}]}) == {"aws_sagemaker_endpoint_configuration.e"}
}

test_capture_passes if {
	_denied({"data_capture_config": [{"initial_sampling_percentage": 100}]}) == set()
	_denied({"data_capture_config": [{"enable_capture": true}]}) == set()
}

test_unknown_passes if {
	_denied({"data_capture_config": [{"enable_capture": {"__unknown__": "var.capture"}}]}) == set()
	_denied({"data_capture_config": {"__unknown__": "dynamic"}}) == set()
}

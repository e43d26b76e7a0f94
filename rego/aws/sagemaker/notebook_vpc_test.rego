package mlcomply.aws.sagemaker.notebook_vpc_test

import data.mlcomply.aws.sagemaker.notebook_vpc as rule
import rego.v1

_denied(cfg) := found if {
	nb := {"address": "aws_sagemaker_notebook_instance.n", "type": "aws_sagemaker_notebook_instance", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [nb]}}
}

test_missing_subnet_denied if {
	_denied({}) == {"aws_sagemaker_notebook_instance.n"}
	_denied({"subnet_id": null}) == {"aws_sagemaker_notebook_instance.n"}
}

test_subnet_passes if {
	_denied({"subnet_id": "aws_subnet.private"}) == set()
}

test_unknown_passes if {
	_denied({"subnet_id": {"__unknown__": "var.subnet"}}) == set()
}

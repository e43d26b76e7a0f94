package mlcomply.aws.sagemaker.notebook_root_test

import data.mlcomply.aws.sagemaker.notebook_root as rule
import rego.v1

_denied(cfg) := found if {
	nb := {"address": "aws_sagemaker_notebook_instance.n", "type": "aws_sagemaker_notebook_instance", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [nb]}}
}

test_default_and_enabled_denied if {
	_denied({}) == {"aws_sagemaker_notebook_instance.n"}
	_denied({"root_access": "Enabled"}) == {"aws_sagemaker_notebook_instance.n"}
}

test_disabled_passes if {
	_denied({"root_access": "Disabled"}) == set()
}

test_unknown_passes if {
	_denied({"root_access": {"__unknown__": "var.root"}}) == set()
}

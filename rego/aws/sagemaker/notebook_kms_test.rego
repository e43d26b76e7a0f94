package mlcomply.aws.sagemaker.notebook_kms_test

import data.mlcomply.aws.sagemaker.notebook_kms as rule
import rego.v1

_denied(cfg) := found if {
	nb := {"address": "aws_sagemaker_notebook_instance.n", "type": "aws_sagemaker_notebook_instance", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [nb]}}
}

test_missing_or_aws_managed_key_denied if {
	_denied({}) == {"aws_sagemaker_notebook_instance.n"}
	_denied({"kms_key_id": "alias/aws/sagemaker"}) == {"aws_sagemaker_notebook_instance.n"}
}

test_customer_key_passes if {
	_denied({"kms_key_id": "aws_kms_key.k"}) == set()
}

test_unknown_passes if {
	_denied({"kms_key_id": {"__unknown__": "var.key"}}) == set()
}

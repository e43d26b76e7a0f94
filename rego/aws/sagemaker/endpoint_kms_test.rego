package mlcomply.aws.sagemaker.endpoint_kms_test

import data.mlcomply.aws.sagemaker.endpoint_kms as rule
import rego.v1

_denied(cfg) := found if {
	ec := {"address": "aws_sagemaker_endpoint_configuration.e", "type": "aws_sagemaker_endpoint_configuration", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [ec]}}
}

test_missing_key_denied if {
	_denied({}) == {"aws_sagemaker_endpoint_configuration.e"}
	_denied({"kms_key_arn": "arn:aws:kms:us-east-1:1:alias/aws/sagemaker"}) == {"aws_sagemaker_endpoint_configuration.e"}
}

test_customer_key_passes if {
	_denied({"kms_key_arn": "aws_kms_key.k"}) == set()
}

test_unknown_passes if {
	_denied({"kms_key_arn": {"__unknown__": "var.key"}}) == set()
}

package mlcomply.aws.sagemaker.domain_kms_test

import data.mlcomply.aws.sagemaker.domain_kms as rule
import rego.v1

_denied(cfg) := found if {
	d := {"address": "aws_sagemaker_domain.d", "type": "aws_sagemaker_domain", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [d]}}
}

test_missing_key_denied if {
	_denied({"domain_name": "ml"}) == {"aws_sagemaker_domain.d"}
}

test_customer_key_passes if {
	_denied({"kms_key_id": "aws_kms_key.k"}) == set()
}

test_unknown_passes if {
	_denied({"kms_key_id": {"__unknown__": "var.key"}}) == set()
}

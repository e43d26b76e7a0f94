package mlcomply.aws.sagemaker.domain_network_test

import data.mlcomply.aws.sagemaker.domain_network as rule
import rego.v1

_denied(cfg) := found if {
	d := {"address": "aws_sagemaker_domain.d", "type": "aws_sagemaker_domain", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [d]}}
}

test_default_and_public_denied if {
	_denied({}) == {"aws_sagemaker_domain.d"}
	_denied({"app_network_access_type": "PublicInternetOnly"}) == {"aws_sagemaker_domain.d"}
}

test_vpc_only_passes if {
	_denied({"app_network_access_type": "VpcOnly"}) == set()
}

test_unknown_passes if {
	_denied({"app_network_access_type": {"__unknown__": "var.mode"}}) == set()
}

package mlcomply.aws.sagemaker.model_package_group_public_test

import data.mlcomply.aws.sagemaker.model_package_group_public as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_public_policy_denied if {
	_denied([_r("aws_sagemaker_model_package_group_policy", {"resource_policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sagemaker:DescribeModelPackage","Resource":"*"}]}`})]) == {"aws_sagemaker_model_package_group_policy.t"}
}

test_account_principal_passes if {
	_denied([_r("aws_sagemaker_model_package_group_policy", {"resource_policy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sagemaker:DescribeModelPackage","Resource":"*"}]}`})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_sagemaker_model_package_group_policy", {"resource_policy": {"__unknown__": "var.p"}})]) == set()
}

package mlcomply.aws.sagemaker.notebook_imds_test

import data.mlcomply.aws.sagemaker.notebook_imds as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_v1_denied if {
	_denied([_r("aws_sagemaker_notebook_instance", {})]) == {"aws_sagemaker_notebook_instance.t"}
	_denied([_r("aws_sagemaker_notebook_instance", {"instance_metadata_service_configuration": [{"minimum_instance_metadata_service_version": "1"}]})]) == {"aws_sagemaker_notebook_instance.t"}
}

test_v2_passes if {
	_denied([_r("aws_sagemaker_notebook_instance", {"instance_metadata_service_configuration": [{"minimum_instance_metadata_service_version": "2"}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_sagemaker_notebook_instance", {"instance_metadata_service_configuration": [{"minimum_instance_metadata_service_version": {"__unknown__": "var.v"}}]})]) == set()
}

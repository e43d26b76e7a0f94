package mlcomply.aws.sagemaker.model_image_digest_test

import data.mlcomply.aws.sagemaker.model_image_digest as rule
import rego.v1

_digest := "1.dkr.ecr.us-east-1.amazonaws.com/r@sha256:3b1c7e4c2a9f0d8e6b5a4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f"

_denied(cfg) := found if {
	m := {"address": "aws_sagemaker_model.m", "type": "aws_sagemaker_model", "mode": "managed", "config": cfg}
	found := {r.msg | some r in rule.deny} with input as {"content": {"resources": [m]}}
}

test_tagged_images_denied if {
	found := _denied({"primary_container": [{"image": "1.dkr.ecr.us-east-1.amazonaws.com/r:latest"}], "container": [{"image": _digest}, {"image": "r"}]})
	found == {
		"SageMaker model aws_sagemaker_model.m runs image \"1.dkr.ecr.us-east-1.amazonaws.com/r:latest\", not pinned by digest",
		"SageMaker model aws_sagemaker_model.m runs image \"r\", not pinned by digest",
	}
}

test_digest_passes if {
	_denied({"primary_container": [{"image": _digest}]}) == set()
	_denied({"primary_container": [{"model_package_name": "arn:aws:sagemaker:us-east-1:1:model-package/p/1"}]}) == set()
}

test_unknown_image_passes if {
	_denied({"primary_container": [{"image": {"__unknown__": "var.image"}}]}) == set()
}

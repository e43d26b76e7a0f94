package mlcomply.aws.sagemaker.feature_group_kms_test

import data.mlcomply.aws.sagemaker.feature_group_kms as rule
import rego.v1

_msgs(cfg) := found if {
	fg := {"address": "aws_sagemaker_feature_group.f", "type": "aws_sagemaker_feature_group", "mode": "managed", "config": cfg}
	found := {r.msg | some r in rule.deny} with input as {"content": {"resources": [fg]}}
}

test_both_stores_without_keys_denied if {
	cfg := {
		"online_store_config": [{"enable_online_store": true}],
		"offline_store_config": [{"s3_storage_config": [{"s3_uri": "s3://b/p"}]}],
	}
	_msgs(cfg) == {
		"SageMaker feature group aws_sagemaker_feature_group.f has an online store without a KMS key",
		"SageMaker feature group aws_sagemaker_feature_group.f has an offline store without a KMS key",
	}
}

test_keys_or_disabled_online_store_pass if {
	_msgs({"online_store_config": [{"enable_online_store": false}]}) == set()
	cfg := {
		"online_store_config": [{"enable_online_store": true, "security_config": [{"kms_key_id": "aws_kms_key.k"}]}],
		"offline_store_config": [{"s3_storage_config": [{"s3_uri": "s3://b/p", "kms_key_id": "aws_kms_key.k"}]}],
	}
	_msgs(cfg) == set()
}

test_unknown_passes if {
	cfg := {
		"online_store_config": [{"enable_online_store": {"__unknown__": "var.online"}}],
		"offline_store_config": [{"s3_storage_config": [{"kms_key_id": {"__unknown__": "var.key"}}]}],
	}
	_msgs(cfg) == set()
}

package mlcomply.aws.dynamodb.encryption_test

import data.mlcomply.aws.dynamodb.encryption as rule
import rego.v1

_denied(cfg) := found if {
	t := {"address": "aws_dynamodb_table.t", "type": "aws_dynamodb_table", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [t]}}
}

test_owned_or_aws_managed_key_denied if {
	_denied({}) == {"aws_dynamodb_table.t"}
	_denied({"server_side_encryption": [{"enabled": false, "kms_key_arn": "aws_kms_key.k"}]}) == {"aws_dynamodb_table.t"}
	_denied({"server_side_encryption": [{"enabled": true}]}) == {"aws_dynamodb_table.t"}
}

test_customer_key_passes if {
	_denied({"server_side_encryption": [{"enabled": true, "kms_key_arn": "aws_kms_key.k"}]}) == set()
}

test_unknown_passes if {
	_denied({"server_side_encryption": [{"enabled": {"__unknown__": "var.e"}, "kms_key_arn": {"__unknown__": "var.k"}}]}) == set()
}

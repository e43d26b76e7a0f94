package mlcomply.aws.rds.cluster_encryption_test

import data.mlcomply.aws.rds.cluster_encryption as rule
import rego.v1

_denied(cfg) := found if {
	c := {"address": "aws_rds_cluster.c", "type": "aws_rds_cluster", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [c]}}
}

test_provisioned_default_and_false_denied if {
	_denied({"engine": "aurora-postgresql"}) == {"aws_rds_cluster.c"}
	_denied({"engine_mode": "serverless", "storage_encrypted": false}) == {"aws_rds_cluster.c"}
}

test_encrypted_serverless_default_and_restore_pass if {
	_denied({"storage_encrypted": true}) == set()
	_denied({"engine_mode": "serverless"}) == set()
	_denied({"snapshot_identifier": "snap"}) == set()
}

test_unknown_passes if {
	_denied({"storage_encrypted": {"__unknown__": "var.e"}}) == set()
	_denied({"engine_mode": {"__unknown__": "var.mode"}}) == set()
}

test_absent_engine_mode_is_provisioned if {
	_denied({"engine": "aurora-mysql", "storage_encrypted": false}) == {"aws_rds_cluster.c"}
}

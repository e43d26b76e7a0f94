package mlcomply.aws.rds.instance_encryption_test

import data.mlcomply.aws.rds.instance_encryption as rule
import rego.v1

_denied(cfg) := found if {
	db := {"address": "aws_db_instance.d", "type": "aws_db_instance", "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [db]}}
}

test_default_and_false_denied if {
	_denied({"engine": "postgres"}) == {"aws_db_instance.d"}
	_denied({"storage_encrypted": false}) == {"aws_db_instance.d"}
}

test_encrypted_replica_or_restore_passes if {
	_denied({"storage_encrypted": true}) == set()
	_denied({"replicate_source_db": "aws_db_instance.primary"}) == set()
	_denied({"snapshot_identifier": "snap-1"}) == set()
}

test_unknown_passes if {
	_denied({"storage_encrypted": {"__unknown__": "var.encrypt"}}) == set()
}

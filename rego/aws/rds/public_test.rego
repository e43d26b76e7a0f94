package mlcomply.aws.rds.public_test

import data.mlcomply.aws.rds.public as rule
import rego.v1

_denied(type_name, cfg) := found if {
	db := {"address": sprintf("%s.d", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": [db]}}
}

test_public_denied if {
	_denied("aws_db_instance", {"publicly_accessible": true}) == {"aws_db_instance.d"}
	_denied("aws_rds_cluster_instance", {"publicly_accessible": "true"}) == {"aws_rds_cluster_instance.d"}
}

test_private_or_default_passes if {
	_denied("aws_db_instance", {}) == set()
	_denied("aws_db_instance", {"publicly_accessible": false}) == set()
}

test_unknown_passes if {
	_denied("aws_db_instance", {"publicly_accessible": {"__unknown__": "var.public"}}) == set()
}

package mlcomply.aws.rds.iam_auth_test

import data.mlcomply.aws.rds.iam_auth as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_no_iam_auth_denied if {
	_denied([_r("aws_rds_cluster", {"engine": "aurora-postgresql"})]) == {"aws_rds_cluster.t"}
	_denied([_r("aws_db_instance", {"engine": "postgres", "iam_database_authentication_enabled": false})]) == {"aws_db_instance.t"}
}

test_enabled_or_unsupported_engine_passes if {
	_denied([_r("aws_rds_cluster", {"engine": "aurora-postgresql", "iam_database_authentication_enabled": true})]) == set()
	_denied([_r("aws_db_instance", {"engine": "sqlserver-ex"})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_db_instance", {"engine": "postgres", "iam_database_authentication_enabled": {"__unknown__": "var.iam"}})]) == set()
}

package mlcomply.aws.rds.log_exports_test

import data.mlcomply.aws.rds.log_exports as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_no_exports_or_no_audit_denied if {
	_denied([_r("aws_rds_cluster", {"engine": "aurora-postgresql"})]) == {"aws_rds_cluster.t"}
	_denied([_r("aws_rds_cluster", {"enabled_cloudwatch_logs_exports": ["error"]})]) == {"aws_rds_cluster.t"}
}

test_exports_pass if {
	_denied([_r("aws_db_instance", {"engine": "postgres", "enabled_cloudwatch_logs_exports": ["postgresql"]})]) == set()
	_denied([_r("aws_rds_cluster", {"engine": "aurora-mysql", "enabled_cloudwatch_logs_exports": ["audit", "error"]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_rds_cluster", {"enabled_cloudwatch_logs_exports": {"__unknown__": "var.logs"}})]) == set()
	_denied([_r("aws_rds_cluster", {"enabled_cloudwatch_logs_exports": ["error", {"__unknown__": "var.more"}]})]) == set()
	_denied([_r("aws_rds_cluster", {"engine": {"__unknown__": "var.engine"}, "enabled_cloudwatch_logs_exports": ["error"]})]) == set()
}

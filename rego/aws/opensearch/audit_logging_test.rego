package mlcomply.aws.opensearch.audit_logging_test

import data.mlcomply.aws.opensearch.audit_logging as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_no_audit_denied if {
	_denied([_r("aws_opensearch_domain", {})]) == {"aws_opensearch_domain.t"}
	_denied([_r("aws_opensearch_domain", {"log_publishing_options": [{"log_type": "INDEX_SLOW_LOGS"}, {"log_type": "AUDIT_LOGS", "enabled": false}]})]) == {"aws_opensearch_domain.t"}
}

test_audit_passes if {
	_denied([_r("aws_opensearch_domain", {"log_publishing_options": [{"log_type": "AUDIT_LOGS", "cloudwatch_log_group_arn": "a"}]})]) == set()
}

test_unknown_passes if {
	_denied([_r("aws_opensearch_domain", {"log_publishing_options": {"__unknown__": "var.logs"}})]) == set()
	_denied([_r("aws_opensearch_domain", {"log_publishing_options": [{"log_type": {"__unknown__": "var.t"}}]})]) == set()
}

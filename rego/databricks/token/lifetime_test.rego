package mlcomply.databricks.token.lifetime_test

import data.mlcomply.databricks.token.lifetime as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_no_lifetime_denied if {
	_denied("databricks_token", {"comment": "ci"}) == {"databricks_token.a"}
	_denied("databricks_obo_token", {"application_id": "x", "lifetime_seconds": 0}) == {"databricks_obo_token.a"}
	_denied("databricks_workspace_conf", {"custom_config": {"maxTokenLifetimeDays": "0"}}) == {"databricks_workspace_conf.a"}
}

test_lifetime_passes if {
	_denied("databricks_token", {"lifetime_seconds": 7776000}) == set()
	_denied("databricks_workspace_conf", {"custom_config": {"maxTokenLifetimeDays": "90"}}) == set()
}

test_unknown_passes if {
	_denied("databricks_token", {"lifetime_seconds": {"__unknown__": "var.ttl"}}) == set()
	_denied("databricks_workspace_conf", {"custom_config": {"maxTokenLifetimeDays": {"__unknown__": "var.d"}}}) == set()
}

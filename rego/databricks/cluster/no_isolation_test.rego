package mlcomply.databricks.cluster.no_isolation_test

import data.mlcomply.databricks.cluster.no_isolation as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_no_isolation_denied if {
	_denied("databricks_cluster", {"data_security_mode": "NONE"}) == {"databricks_cluster.a"}
	_denied("databricks_cluster_policy", {"definition": json.marshal({"data_security_mode": {"type": "fixed", "value": "NONE"}})}) == {"databricks_cluster_policy.a"}
}

test_isolated_or_unset_passes if {
	_denied("databricks_cluster", {"data_security_mode": "USER_ISOLATION"}) == set()
	_denied("databricks_cluster", {}) == set()
	_denied("databricks_cluster_policy", {"definition": json.marshal({"data_security_mode": {"type": "fixed", "value": "SINGLE_USER"}})}) == set()
}

test_unknown_passes if {
	_denied("databricks_cluster", {"data_security_mode": {"__unknown__": "var.mode"}}) == set()
}

package mlcomply.databricks.workspace.ip_access_test

import data.mlcomply.databricks.workspace.ip_access as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_disabled_or_open_denied if {
	_denied("databricks_workspace_conf", {"custom_config": {"enableIpAccessLists": false}}) == {"databricks_workspace_conf.a"}
	_denied("databricks_workspace_conf", {"custom_config": {"enableIpAccessLists": "false"}}) == {"databricks_workspace_conf.a"}
	_denied("databricks_ip_access_list", {"list_type": "ALLOW", "ip_addresses": ["0.0.0.0/0"]}) == {"databricks_ip_access_list.a"}
}

test_enabled_or_narrow_passes if {
	_denied("databricks_workspace_conf", {"custom_config": {"enableIpAccessLists": true}}) == set()
	_denied("databricks_workspace_conf", {"custom_config": {"enableTokensConfig": true}}) == set()
	_denied("databricks_ip_access_list", {"list_type": "ALLOW", "ip_addresses": ["203.0.113.0/24"]}) == set()
	_denied("databricks_ip_access_list", {"list_type": "BLOCK", "ip_addresses": ["0.0.0.0/0"]}) == set()
	_denied("databricks_ip_access_list", {"list_type": "ALLOW", "enabled": false, "ip_addresses": ["0.0.0.0/0"]}) == set()
}

test_unknown_passes if {
	_denied("databricks_workspace_conf", {"custom_config": {"enableIpAccessLists": {"__unknown__": "var.e"}}}) == set()
	_denied("databricks_workspace_conf", {"custom_config": {"__unknown__": "var.c"}}) == set()
	_denied("databricks_ip_access_list", {"list_type": "ALLOW", "ip_addresses": {"__unknown__": "var.ips"}}) == set()
}

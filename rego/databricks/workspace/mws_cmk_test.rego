package mlcomply.databricks.workspace.mws_cmk_test

import data.mlcomply.databricks.workspace.mws_cmk as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "databricks_mws_workspaces.a", "type": "databricks_mws_workspaces", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_no_keys_denied if {
	_denied({"workspace_name": "ml"}) == {"databricks_mws_workspaces.a"}
}

test_keys_pass if {
	_denied({"storage_customer_managed_key_id": "databricks_mws_customer_managed_keys.storage"}) == set()
	_denied({"managed_services_customer_managed_key_id": "databricks_mws_customer_managed_keys.managed"}) == set()
}

test_unknown_passes if {
	_denied({"storage_customer_managed_key_id": {"__unknown__": "var.k"}}) == set()
}

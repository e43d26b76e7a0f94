package mlcomply.databricks.workspace.mws_private_link_test

import data.mlcomply.databricks.workspace.mws_private_link as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "databricks_mws_workspaces.a", "type": "databricks_mws_workspaces", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_public_denied if {
	_denied({"workspace_name": "ml"}) == {"databricks_mws_workspaces.a"}
}

test_private_passes if {
	_denied({"private_access_settings_id": "databricks_mws_private_access_settings.pas"}) == set()
}

test_unknown_passes if {
	_denied({"private_access_settings_id": {"__unknown__": "var.pas"}}) == set()
}

package mlcomply.azure.databricks.cmk_test

import data.mlcomply.azure.databricks.cmk as rule
import rego.v1

_denied(cfg, key_cfg) := found if {
	w := {"address": "azurerm_databricks_workspace.a", "type": "azurerm_databricks_workspace", "mode": "managed", "config": cfg}
	k := [{"address": "azurerm_databricks_workspace_root_dbfs_customer_managed_key.k", "type": "azurerm_databricks_workspace_root_dbfs_customer_managed_key", "mode": "managed", "config": c} | some c in key_cfg]
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": array.concat([w], k)}}
}

test_no_key_denied if {
	_denied({}, []) == {"azurerm_databricks_workspace.a"}
	_denied({"customer_managed_key_enabled": true}, []) == {"azurerm_databricks_workspace.a"}
	_denied({"customer_managed_key_enabled": false}, [{"workspace_id": "azurerm_databricks_workspace.a"}]) == {"azurerm_databricks_workspace.a"}
}

test_key_passes if {
	_denied({"customer_managed_key_enabled": true}, [{"workspace_id": "azurerm_databricks_workspace.a"}]) == set()
}

test_unknown_passes if {
	_denied({"customer_managed_key_enabled": {"__unknown__": "var.c"}}, [{"workspace_id": "azurerm_databricks_workspace.a"}]) == set()
	_denied({"customer_managed_key_enabled": true}, [{"workspace_id": {"__unknown__": "var.ws"}}]) == set()
}

package mlcomply.azure.aks.monitoring_test

import data.mlcomply.azure.aks.monitoring as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_kubernetes_cluster.a", "type": "azurerm_kubernetes_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_missing_or_disabled_denied if {
	_denied({}) == {"azurerm_kubernetes_cluster.a"}
	_denied({"addon_profile": [{"oms_agent": [{"enabled": false}]}]}) == {"azurerm_kubernetes_cluster.a"}
}

test_agent_passes if {
	_denied({"oms_agent": [{"log_analytics_workspace_id": "azurerm_log_analytics_workspace.w"}]}) == set()
	_denied({"addon_profile": [{"oms_agent": [{"enabled": true, "log_analytics_workspace_id": "w"}]}]}) == set()
}

test_unknown_passes if {
	_denied({"oms_agent": {"__unknown__": "var.o"}}) == set()
	_denied({"addon_profile": {"__unknown__": "var.a"}}) == set()
	_denied({"addon_profile": [{"oms_agent": [{"enabled": {"__unknown__": "var.o"}}]}]}) == set()
}

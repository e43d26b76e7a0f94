package mlcomply.azure.aks.dashboard_test

import data.mlcomply.azure.aks.dashboard as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_kubernetes_cluster.a", "type": "azurerm_kubernetes_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_dashboard_on_denied if {
	_denied({"addon_profile": [{"kube_dashboard": [{"enabled": true}]}]}) == {"azurerm_kubernetes_cluster.a"}
	_denied({"addon_profile": [{"kube_dashboard": [{"enabled": "true"}]}]}) == {"azurerm_kubernetes_cluster.a"}
}

test_absent_or_off_passes if {
	_denied({}) == set()
	_denied({"addon_profile": [{"oms_agent": [{"enabled": true}]}]}) == set()
	_denied({"addon_profile": [{"kube_dashboard": [{"enabled": false}]}]}) == set()
}

test_unknown_passes if {
	_denied({"addon_profile": [{"kube_dashboard": [{"enabled": {"__unknown__": "var.d"}}]}]}) == set()
	_denied({"addon_profile": {"__unknown__": "var.a"}}) == set()
}

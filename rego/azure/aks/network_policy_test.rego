package mlcomply.azure.aks.network_policy_test

import data.mlcomply.azure.aks.network_policy as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_kubernetes_cluster.a", "type": "azurerm_kubernetes_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_no_policy_denied if {
	_denied({}) == {"azurerm_kubernetes_cluster.a"}
	_denied({"network_profile": [{"network_plugin": "kubenet"}]}) == {"azurerm_kubernetes_cluster.a"}
}

test_policy_passes if {
	_denied({"network_profile": [{"network_plugin": "azure", "network_policy": "azure"}]}) == set()
	_denied({"network_profile": [{"network_plugin": "azure", "network_policy": "cilium"}]}) == set()
}

test_unknown_passes if {
	_denied({"network_profile": [{"network_policy": {"__unknown__": "var.p"}}]}) == set()
	_denied({"network_profile": {"__unknown__": "var.n"}}) == set()
}

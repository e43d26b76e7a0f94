package mlcomply.azure.aks.private_cluster_test

import data.mlcomply.azure.aks.private_cluster as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_kubernetes_cluster.a", "type": "azurerm_kubernetes_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_false_denied if {
	_denied({}) == {"azurerm_kubernetes_cluster.a"}
	_denied({"private_cluster_enabled": false}) == {"azurerm_kubernetes_cluster.a"}
}

test_private_passes if {
	_denied({"private_cluster_enabled": true}) == set()
}

test_unknown_passes if {
	_denied({"private_cluster_enabled": {"__unknown__": "var.p"}}) == set()
}

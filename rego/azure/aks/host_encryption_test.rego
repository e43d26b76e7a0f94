package mlcomply.azure.aks.host_encryption_test

import data.mlcomply.azure.aks.host_encryption as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_unencrypted_denied if {
	_denied("azurerm_kubernetes_cluster", {"default_node_pool": [{"name": "system"}]}) == {"azurerm_kubernetes_cluster.a"}
	_denied("azurerm_kubernetes_cluster_node_pool", {"enable_host_encryption": false}) == {"azurerm_kubernetes_cluster_node_pool.a"}
	_denied("azurerm_kubernetes_cluster", {"agent_pool_profile": [{"name": "default", "count": 1}]}) == {"azurerm_kubernetes_cluster.a"}
}

test_encrypted_passes if {
	_denied("azurerm_kubernetes_cluster", {"default_node_pool": [{"host_encryption_enabled": true}]}) == set()
	_denied("azurerm_kubernetes_cluster_node_pool", {"enable_host_encryption": true}) == set()
}

test_unknown_passes if {
	_denied("azurerm_kubernetes_cluster", {"default_node_pool": [{"host_encryption_enabled": {"__unknown__": "var.h"}}]}) == set()
	_denied("azurerm_kubernetes_cluster", {"default_node_pool": {"__unknown__": "var.p"}}) == set()
}

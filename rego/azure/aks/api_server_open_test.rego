package mlcomply.azure.aks.api_server_open_test

import data.mlcomply.azure.aks.api_server_open as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_kubernetes_cluster.a", "type": "azurerm_kubernetes_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_open_denied if {
	_denied({}) == {"azurerm_kubernetes_cluster.a"}
	_denied({"api_server_access_profile": [{"authorized_ip_ranges": []}]}) == {"azurerm_kubernetes_cluster.a"}
	_denied({"api_server_access_profile": [{"authorized_ip_ranges": ["0.0.0.0/0"]}]}) == {"azurerm_kubernetes_cluster.a"}
}

test_private_or_restricted_passes if {
	_denied({"private_cluster_enabled": true}) == set()
	_denied({"api_server_access_profile": [{"authorized_ip_ranges": ["203.0.113.0/24"]}]}) == set()
	_denied({"api_server_authorized_ip_ranges": ["203.0.113.0/24"]}) == set()
}

test_unknown_passes if {
	_denied({"private_cluster_enabled": {"__unknown__": "var.p"}}) == set()
	_denied({"api_server_access_profile": [{"authorized_ip_ranges": {"__unknown__": "var.r"}}]}) == set()
	_denied({"api_server_access_profile": {"__unknown__": "var.r"}}) == set()
}

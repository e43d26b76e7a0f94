package mlcomply.azure.aks.rbac_test

import data.mlcomply.azure.aks.rbac as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_kubernetes_cluster.a", "type": "azurerm_kubernetes_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_disabled_denied if {
	_denied({"role_based_access_control_enabled": false}) == {"azurerm_kubernetes_cluster.a"}
	_denied({"role_based_access_control": [{"enabled": false}]}) == {"azurerm_kubernetes_cluster.a"}
}

test_default_and_enabled_pass if {
	_denied({}) == set()
	_denied({"role_based_access_control_enabled": true}) == set()
	_denied({"role_based_access_control": [{"enabled": true}]}) == set()
}

test_unknown_passes if {
	_denied({"role_based_access_control_enabled": {"__unknown__": "var.r"}}) == set()
	_denied({"role_based_access_control": {"__unknown__": "var.r"}}) == set()
}

package mlcomply.azure.aks.azure_policy_test

import data.mlcomply.azure.aks.azure_policy as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_kubernetes_cluster.a", "type": "azurerm_kubernetes_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_missing_or_disabled_denied if {
	_denied({}) == {"azurerm_kubernetes_cluster.a"}
	_denied({"azure_policy_enabled": false}) == {"azurerm_kubernetes_cluster.a"}
	_denied({"addon_profile": [{"azure_policy": [{"enabled": false}]}]}) == {"azurerm_kubernetes_cluster.a"}
}

test_enabled_passes if {
	_denied({"azure_policy_enabled": true}) == set()
	_denied({"addon_profile": [{"azure_policy": [{"enabled": true}]}]}) == set()
}

test_unknown_passes if {
	_denied({"azure_policy_enabled": {"__unknown__": "var.p"}}) == set()
	_denied({"addon_profile": {"__unknown__": "var.a"}}) == set()
}

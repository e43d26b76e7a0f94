package mlcomply.azure.aks.local_accounts_test

import data.mlcomply.azure.aks.local_accounts as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_kubernetes_cluster.a", "type": "azurerm_kubernetes_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_and_false_denied if {
	_denied({}) == {"azurerm_kubernetes_cluster.a"}
	_denied({"local_account_disabled": false}) == {"azurerm_kubernetes_cluster.a"}
}

test_disabled_passes if {
	_denied({"local_account_disabled": true}) == set()
}

test_unknown_passes if {
	_denied({"local_account_disabled": {"__unknown__": "var.l"}}) == set()
}

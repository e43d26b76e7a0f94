package mlcomply.azure.aks.disk_encryption_test

import data.mlcomply.azure.aks.disk_encryption as rule
import rego.v1

_denied(cfg) := found if {
	r := {"address": "azurerm_kubernetes_cluster.a", "type": "azurerm_kubernetes_cluster", "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_missing_denied if {
	_denied({}) == {"azurerm_kubernetes_cluster.a"}
	_denied({"disk_encryption_set_id": ""}) == {"azurerm_kubernetes_cluster.a"}
}

test_set_passes if {
	_denied({"disk_encryption_set_id": "azurerm_disk_encryption_set.des"}) == set()
}

test_unknown_passes if {
	_denied({"disk_encryption_set_id": {"__unknown__": "var.des"}}) == set()
}

package mlcomply.azure.ml.compute_public_ip_test

import data.mlcomply.azure.ml.compute_public_ip as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.c", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_denied if {
	_denied("azurerm_machine_learning_compute_instance", {}) == {"azurerm_machine_learning_compute_instance.c"}
	_denied("azurerm_machine_learning_compute_cluster", {"node_public_ip_enabled": true}) == {"azurerm_machine_learning_compute_cluster.c"}
}

test_disabled_passes if {
	_denied("azurerm_machine_learning_compute_cluster", {"node_public_ip_enabled": false}) == set()
}

test_unknown_passes if {
	_denied("azurerm_machine_learning_compute_instance", {"node_public_ip_enabled": {"__unknown__": "var.p"}}) == set()
}

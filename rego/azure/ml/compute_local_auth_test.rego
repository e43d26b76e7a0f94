package mlcomply.azure.ml.compute_local_auth_test

import data.mlcomply.azure.ml.compute_local_auth as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.c", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_default_denied if {
	_denied("azurerm_machine_learning_compute_cluster", {}) == {"azurerm_machine_learning_compute_cluster.c"}
	_denied("azurerm_machine_learning_compute_instance", {"local_auth_enabled": "true"}) == {"azurerm_machine_learning_compute_instance.c"}
}

test_disabled_passes if {
	_denied("azurerm_machine_learning_compute_cluster", {"local_auth_enabled": false}) == set()
}

test_unknown_passes if {
	_denied("azurerm_machine_learning_compute_cluster", {"local_auth_enabled": {"__unknown__": "var.a"}}) == set()
}

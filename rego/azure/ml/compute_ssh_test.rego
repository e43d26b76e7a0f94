package mlcomply.azure.ml.compute_ssh_test

import data.mlcomply.azure.ml.compute_ssh as rule
import rego.v1

_denied(type_name, cfg) := found if {
	r := {"address": sprintf("%s.a", [type_name]), "type": type_name, "mode": "managed", "config": cfg}
	found := {x.address | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

_cluster := "azurerm_machine_learning_compute_cluster"

_instance := "azurerm_machine_learning_compute_instance"

test_public_ssh_denied if {
	_denied(_cluster, {"ssh_public_access_enabled": true}) == {"azurerm_machine_learning_compute_cluster.a"}
	_denied(_instance, {"ssh": [{"public_key": "ssh-rsa AAAA"}]}) == {"azurerm_machine_learning_compute_instance.a"}
}

test_no_ssh_or_private_passes if {
	_denied(_cluster, {}) == set()
	_denied(_cluster, {"ssh_public_access_enabled": false}) == set()
	_denied(_cluster, {"ssh_public_access_enabled": true, "node_public_ip_enabled": false}) == set()
	_denied(_instance, {}) == set()
	_denied(_instance, {"ssh": [{"public_key": "k"}], "node_public_ip_enabled": false}) == set()
}

test_unknown_passes if {
	_denied(_cluster, {"ssh_public_access_enabled": {"__unknown__": "var.s"}}) == set()
	_denied(_cluster, {"ssh_public_access_enabled": true, "node_public_ip_enabled": {"__unknown__": "var.p"}}) == set()
	_denied(_instance, {"ssh": {"__unknown__": "var.s"}}) == set()
}

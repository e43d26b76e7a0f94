package mlcomply.azure.network.admin_ports_test

import data.mlcomply.azure.network.admin_ports as rule
import rego.v1

_denied(cfg) := found if {
	base := {"direction": "Inbound", "access": "Allow", "protocol": "*", "source_address_prefix": "Internet"}
	r := {"address": "azurerm_network_security_group.a", "type": "azurerm_network_security_group", "mode": "managed", "config": {"security_rule": [object.union(base, cfg)]}}
	found := {x.msg | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_ssh_rdp_denied if {
	_denied({"name": "ssh", "destination_port_range": "22"}) == {"azurerm_network_security_group.a (rule \"ssh\") opens SSH (22) to the internet"}
	count(_denied({"destination_port_range": "3389"})) == 1
	count(_denied({"destination_port_range": "0-65535"})) == 1
}

test_other_ports_or_private_pass if {
	_denied({"destination_port_range": "443"}) == set()
	_denied({"destination_port_range": "22", "source_address_prefix": "10.0.0.0/8"}) == set()
	_denied({"destination_port_range": "22", "access": "Deny"}) == set()
}

test_unknown_passes if {
	_denied({"destination_port_range": {"__unknown__": "var.port"}}) == set()
}

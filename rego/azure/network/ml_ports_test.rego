package mlcomply.azure.network.ml_ports_test

import data.mlcomply.azure.network.ml_ports as rule
import rego.v1

_denied(cfg) := found if {
	base := {"direction": "Inbound", "access": "Allow", "protocol": "Tcp", "source_address_prefix": "*"}
	r := {"address": "azurerm_network_security_rule.a", "type": "azurerm_network_security_rule", "mode": "managed", "config": object.union(base, cfg)}
	found := {x.msg | some x in rule.deny} with input as {"content": {"resources": [r]}}
}

test_ml_ports_denied if {
	_denied({"destination_port_range": "8888"}) == {"azurerm_network_security_rule.a opens Jupyter (8888) to the internet"}
	_denied({"destination_port_ranges": ["8265", "10001"]}) == {"azurerm_network_security_rule.a opens Ray dashboard (8265), Ray client (10001) to the internet"}
	count(_denied({"destination_port_range": "*"})) == 1
}

test_other_ports_or_sources_pass if {
	_denied({"destination_port_range": "443"}) == set()
	_denied({"destination_port_range": "8888", "source_address_prefix": "VirtualNetwork"}) == set()
}

test_unknown_passes if {
	_denied({"destination_port_range": {"__unknown__": "var.port"}}) == set()
	_denied({"destination_port_range": "8888", "source_address_prefix": {"__unknown__": "var.src"}}) == set()
}

test_web_server_ports_only_are_medium if {
	base := {"direction": "Inbound", "access": "Allow", "protocol": "Tcp", "source_address_prefix": "*"}
	r := {"address": "azurerm_network_security_rule.a", "type": "azurerm_network_security_rule", "mode": "managed", "config": object.union(base, {"destination_port_range": "5000"})}
	sev := {object.get(x, "severity", "rule") | some x in rule.deny} with input as {"content": {"resources": [r]}}
	sev == {"medium"}
	r2 := {"address": "azurerm_network_security_rule.a", "type": "azurerm_network_security_rule", "mode": "managed", "config": object.union(base, {"destination_port_ranges": ["5000", "8888"]})}
	sev2 := {object.get(x, "severity", "rule") | some x in rule.deny} with input as {"content": {"resources": [r2]}}
	sev2 == {"rule"}
}

package lib.azure.nsg_test

import data.lib.azure.nsg
import rego.v1

_rule(overrides) := object.union({"direction": "Inbound", "access": "Allow", "protocol": "Tcp", "source_address_prefix": "*", "destination_port_range": "8888"}, overrides)

_found(resources) := found if {
	pairs := nsg.internet_inbound with input as {"content": {"resources": resources}}
	found := {[r.address, nsg.port_specs(rule)] | some [r, rule] in pairs}
}

test_rule_resource_and_inline_block if {
	rule := {"address": "azurerm_network_security_rule.r", "type": "azurerm_network_security_rule", "mode": "managed", "config": _rule({})}
	group := {"address": "azurerm_network_security_group.g", "type": "azurerm_network_security_group", "mode": "managed", "config": {"security_rule": [_rule({"name": "ssh", "destination_port_range": null, "destination_port_ranges": ["22", "8000-8002"]})]}}
	_found([rule, group]) == {["azurerm_network_security_rule.r", ["8888"]], ["azurerm_network_security_group.g", ["22", "8000-8002"]]}
}

test_port_written_as_a_number if {
	r := {"address": "azurerm_network_security_group.g", "type": "azurerm_network_security_group", "mode": "managed", "config": {"security_rule": [_rule({"destination_port_range": 3389})]}}
	_found([r]) == {["azurerm_network_security_group.g", [3389]]}
}

test_internet_tags_and_prefix_lists if {
	r := {"address": "azurerm_network_security_rule.r", "type": "azurerm_network_security_rule", "mode": "managed", "config": _rule({"source_address_prefix": null, "source_address_prefixes": ["10.0.0.0/8", "Internet"]})}
	count(_found([r])) == 1
}

test_private_denied_outbound_udp_not_open if {
	rules := [_rule({"source_address_prefix": "10.0.0.0/8"}), _rule({"access": "Deny"}), _rule({"direction": "Outbound"}), _rule({"protocol": "Udp"})]
	resources := [{"address": sprintf("azurerm_network_security_rule.r%d", [i]), "type": "azurerm_network_security_rule", "mode": "managed", "config": c} | some i, c in rules]
	_found(resources) == set()
}

test_unknown_settings_not_open if {
	unknown := {"__unknown__": "var.x"}
	rules := [_rule({"source_address_prefix": unknown}), _rule({"protocol": unknown}), _rule({"access": unknown}), _rule({"direction": unknown})]
	resources := [{"address": sprintf("azurerm_network_security_rule.r%d", [i]), "type": "azurerm_network_security_rule", "mode": "managed", "config": c} | some i, c in rules]
	_found(resources) == set()
}

test_label if {
	nsg.label({"name": "jupyter"}) == " (rule \"jupyter\")"
	nsg.label({}) == ""
}

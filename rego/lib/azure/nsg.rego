# METADATA
# title: Azure network security group rule helpers
# description: >-
#   The inbound Allow rules of network security groups that accept TCP from the internet,
#   whether written as azurerm_network_security_rule resources or as security_rule blocks,
#   and the ports they open.
# custom:
#   library: true
package lib.azure.nsg

import data.lib.config
import data.lib.ports
import data.lib.terraform
import rego.v1

# [resource, rule] for every inbound rule that allows TCP from the internet; rule is the
# azurerm_network_security_rule's config or one security_rule block.
internet_inbound contains [r, r.config] if {
	some r in terraform.resources("azurerm_network_security_rule")
	_open(r.config)
}

internet_inbound contains [g, b] if {
	some g in terraform.resources("azurerm_network_security_group")
	some b in config.blocks(g.config, "security_rule")
	_open(b)
}

# The port specifications of one rule (single range and list form).
port_specs(rule) := array.concat(_as_list(object.get(rule, "destination_port_range", null)), _as_list(object.get(rule, "destination_port_ranges", null)))

# The rule's name, for messages: the block's `name`, or empty for a rule resource.
label(rule) := sprintf(" (rule %q)", [rule.name]) if is_string(rule.name)

label(rule) := "" if not is_string(object.get(rule, "name", null))

# A port may be written as a number (destination_port_range = 3389).
_as_list(v) := [v] if is_string(v)

_as_list(v) := [v] if is_number(v)

_as_list(v) := [x | some x in v] if is_array(v)

_as_list(v) := [] if {
	not is_string(v)
	not is_number(v)
	not is_array(v)
}

# Lower case of a string setting; undefined for unknown values (never matches).
_lower(v) := lower(v) if is_string(v)

_open(rule) if {
	_lower(rule.direction) == "inbound"
	_lower(rule.access) == "allow"
	_lower(rule.protocol) in {"tcp", "*"}
	_from_internet(rule)
}

_from_internet(rule) if ports.is_internet(rule.source_address_prefix)

_from_internet(rule) if {
	some p in rule.source_address_prefixes
	ports.is_internet(p)
}

# METADATA
# title: AWS security group rules, normalised
# description: >-
#   Every ingress or egress rule open to the whole internet (0.0.0.0/0 or ::/0), from inline
#   aws_security_group blocks, aws_security_group_rule and the aws_vpc_security_group_*_rule
#   resources, in one shape: the resource, its port range and whether it covers all traffic.
#   A rule whose ports, protocol or CIDR cannot be known is left out.
# custom:
#   library: true
package lib.aws.network

import data.lib.config
import data.lib.terraform
import rego.v1

_world := {"0.0.0.0/0", "::/0"}

# Rules of `direction` ("ingress" or "egress") open to the internet, each as
# {"resource", "from", "to", "all"}: built once per evaluation and direction.
open_rules(direction) := [o |
	some o in _open
	o.direction == direction
]

_open contains {"resource": sg, "direction": direction, "from": b.from_port, "to": b.to_port, "all": _all_traffic(b.protocol)} if {
	some sg in terraform.resources("aws_security_group")
	some direction in ["ingress", "egress"]
	some b in config.blocks(sg.config, direction)
	_to_world(b, ["cidr_blocks", "ipv6_cidr_blocks"])
	_known_ports(b, "protocol")
}

_open contains {"resource": r, "direction": r.config.type, "from": r.config.from_port, "to": r.config.to_port, "all": _all_traffic(r.config.protocol)} if {
	some r in terraform.resources("aws_security_group_rule")
	_to_world(r.config, ["cidr_blocks", "ipv6_cidr_blocks"])
	_known_ports(r.config, "protocol")
}

_open contains {"resource": r, "direction": direction, "from": object.get(r.config, "from_port", 0), "to": object.get(r.config, "to_port", 65535), "all": _all_traffic(r.config.ip_protocol)} if {
	some direction in ["ingress", "egress"]
	some r in terraform.resources(sprintf("aws_vpc_security_group_%s_rule", [direction]))
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	r.config[attr] in _world
	is_string(r.config.ip_protocol)
}

_to_world(obj, attrs) if {
	some attr in attrs
	some cidr in config.blocks(obj, attr)
	cidr in _world
}

_known_ports(obj, protocol_attr) if {
	is_number(obj.from_port)
	is_number(obj.to_port)
	not terraform.is_unknown(obj[protocol_attr])
}

_all_traffic(protocol) := lower(sprintf("%v", [protocol])) in {"-1", "all"}

# The rule lets TCP port `port` through: all traffic, or a TCP range (or any-protocol
# range) that contains it. AWS ignores the port range when the protocol is -1.
covers(o, port) if o.all

covers(o, port) if {
	not o.all
	o.from <= port
	port <= o.to
}

# The rule lets every port and protocol through.
all_traffic(o) if o.all

all_traffic(o) if {
	o.from <= 0
	o.to >= 65535
}

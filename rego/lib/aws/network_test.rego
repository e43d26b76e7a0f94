package lib.aws.network_test

import data.lib.aws.network
import rego.v1

_sg(cfg) := {"address": "aws_security_group.s", "type": "aws_security_group", "mode": "managed", "config": cfg}

_in(rs) := {"content": {"resources": rs}}

test_inline_ingress_range if {
	sg := _sg({"ingress": [{"from_port": 8000, "to_port": 9000, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]})
	[o] := network.open_rules("ingress") with input as _in([sg])
	network.covers(o, 8888)
	not network.covers(o, 22)
	not network.all_traffic(o)
}

test_all_traffic_ignores_ports if {
	sg := _sg({"egress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "ipv6_cidr_blocks": ["::/0"]}]})
	[o] := network.open_rules("egress") with input as _in([sg])
	network.covers(o, 22)
	network.all_traffic(o)
}

test_vpc_rule_resources if {
	r := {"address": "aws_vpc_security_group_ingress_rule.i", "type": "aws_vpc_security_group_ingress_rule", "mode": "managed", "config": {"cidr_ipv4": "0.0.0.0/0", "ip_protocol": "tcp", "from_port": 22, "to_port": 22}}
	[o] := network.open_rules("ingress") with input as _in([r])
	network.covers(o, 22)
}

test_unknown_or_private_cidr_left_out if {
	sg := _sg({"ingress": [
		{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": [{"__unknown__": "var.c"}]},
		{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]},
		{"from_port": {"__unknown__": "var.p"}, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
	]})
	network.open_rules("ingress") == [] with input as _in([sg])
}

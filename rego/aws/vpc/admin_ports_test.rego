package mlcomply.aws.vpc.admin_ports_test

import data.mlcomply.aws.vpc.admin_ports as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_ssh_denied if {
	_denied([_r("aws_security_group", {"ingress": [{"from_port": 0, "to_port": 65535, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]})]) == {"aws_security_group.t"}
	_denied([_r("aws_vpc_security_group_ingress_rule", {"cidr_ipv4": "0.0.0.0/0", "ip_protocol": "tcp", "from_port": 3389, "to_port": 3389})]) == {"aws_vpc_security_group_ingress_rule.t"}
}

test_private_ssh_passes if {
	_denied([_r("aws_security_group_rule", {"type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["192.168.0.0/16"]})]) == set()
}

test_unknown_port_passes if {
	_denied([_r("aws_security_group_rule", {"type": "ingress", "from_port": {"__unknown__": "var.p"}, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]})]) == set()
}

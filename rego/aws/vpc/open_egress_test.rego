package mlcomply.aws.vpc.open_egress_test

import data.mlcomply.aws.vpc.open_egress as rule
import rego.v1

_r(type_name, cfg) := {"address": concat(".", [type_name, "t"]), "type": type_name, "mode": "managed", "config": cfg}

_denied(rs) := found if {
	found := {r.address | some r in rule.deny} with input as {"content": {"resources": rs}}
}

test_open_egress_denied if {
	_denied([_r("aws_security_group", {"egress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]})]) == {"aws_security_group.t"}
	_denied([_r("aws_vpc_security_group_egress_rule", {"cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1"})]) == {"aws_vpc_security_group_egress_rule.t"}
}

test_scoped_egress_passes if {
	_denied([_r("aws_security_group", {"egress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]})]) == set()
}

test_unknown_cidr_passes if {
	_denied([_r("aws_security_group", {"egress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": [{"__unknown__": "var.c"}]}]})]) == set()
}
